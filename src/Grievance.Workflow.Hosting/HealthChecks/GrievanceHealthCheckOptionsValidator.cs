using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Hosting.HealthChecks;

/// <summary>Checks <see cref="GrievanceHealthCheckOptions"/>; every message names the option and prints the bad values.</summary>
internal sealed class GrievanceHealthCheckOptionsValidator : IValidateOptions<GrievanceHealthCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, GrievanceHealthCheckOptions options)
    {
        var failures = new List<string>();
        Limits(failures, "Outbox", options.OutboxDegradedAfter, options.OutboxUnhealthyAfter);
        Limits(failures, "DueWork", options.DueWorkDegradedAfter, options.DueWorkUnhealthyAfter);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Limits(List<string> failures, string prefix, TimeSpan degraded, TimeSpan unhealthy)
    {
        var valid = true;
        foreach (var (option, value) in new[] { ($"{prefix}DegradedAfter", degraded), ($"{prefix}UnhealthyAfter", unhealthy) })
        {
            if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromDays(30))
            {
                failures.Add($"{option}: {value}; it must be from 1 second to 30 days.");
                valid = false;
            }
        }

        if (valid && degraded > unhealthy)
        {
            failures.Add($"{prefix}DegradedAfter: {degraded}, {prefix}UnhealthyAfter: {unhealthy}; the degraded limit must not be above the unhealthy one.");
        }
    }
}
