using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grievance.Workflow.WebApi;

/// <summary>Health reports as JSON: the overall status and each check's status, description and duration (no exception details).</summary>
internal static class HealthJson
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            durationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = e.Value.Duration.TotalMilliseconds }),
        }, cancellationToken: http.RequestAborted);
    }
}
