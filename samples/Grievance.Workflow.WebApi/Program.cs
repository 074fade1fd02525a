using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Grievance.Workflow;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Grievance.Workflow.Hosting;
using Grievance.Workflow.Hosting.HealthChecks;
using Grievance.Workflow.Sqlite;
using Grievance.Workflow.WebApi;
using Grievance.Workflow.WebApi.Authentication;

// A grievance desk's HTTP API on the library: the workflow on an SQLite file, the background jobs and the health checks in the
// host, every command and query as an endpoint, an OpenAPI document, RFC 9457 problems for every error, rate limits on tracking
// and registration. Run it with `dotnet run --project samples/Grievance.Workflow.WebApi`.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGrievanceWorkflow(builder.Configuration.GetSection(GrievanceWorkflowOptions.SectionName))
    .UseSqliteStore(builder.Configuration.GetConnectionString("Grievances") ?? "Data Source=grievances.db")
    .AddBackgroundJobs(builder.Configuration.GetSection(BackgroundJobsOptions.SectionName));
builder.Services.AddHealthChecks().AddGrievanceWorkflowChecks(tags: ["ready"]);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
{
    // A response the framework made (a binding error, an unknown route, a wrong method or media type) gets a code like ours.
    var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
    if (!c.ProblemDetails.Extensions.ContainsKey("code"))
    {
        c.ProblemDetails.Extensions["code"] = Problems.CodeOf(status);
        c.ProblemDetails.Type = Problems.TypeBase + Problems.CodeOf(status);
    }
});
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    o.SerializerOptions.AllowDuplicateProperties = false; // {"report": "a", "report": "b"} is refused, not "last wins"
});
builder.Services.AddExceptionHandler<BadRequestHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // so BadRequestHandler can say what could not be read
builder.Services.AddOpenApi(DeskOpenApi.Configure);
builder.Services.AddDeskAuthentication(builder.Configuration);
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    var perMinute = builder.Configuration.GetSection("RateLimits");
    o.AddPolicy(RateLimits.Tracking, http => RateLimits.PerClient(http, perMinute.GetValue("TrackingPerMinute", 60)));
    o.AddPolicy(RateLimits.Registration, http => RateLimits.PerClient(http, perMinute.GetValue("RegistrationsPerMinute", 120)));
});

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages(); // every error status gets a problem body, whoever set it
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapOpenApi();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthJson.WriteAsync }); // the process answers
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthJson.WriteAsync });
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthJson.WriteAsync });
app.MapGrievanceEndpoints();
app.MapCommandEndpoints();
app.MapQueueEndpoints();
app.MapStatisticsEndpoints();
app.MapDevelopmentTokens();
app.Run();

/// <summary>The entry point, visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
