using System;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grievance.Workflow.Hosting.HealthChecks;

/// <summary>Turns how far behind something is into a health status.</summary>
/// <param name="Degraded">From this lag on, <see cref="HealthStatus.Degraded"/>.</param>
/// <param name="Unhealthy">From this lag on, the registration's failure status.</param>
internal readonly record struct LagLimits(TimeSpan Degraded, TimeSpan Unhealthy)
{
    public HealthStatus StatusOf(TimeSpan lag, HealthStatus failureStatus)
        => lag >= Unhealthy ? failureStatus : lag >= Degraded ? HealthStatus.Degraded : HealthStatus.Healthy;
}
