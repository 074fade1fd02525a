using System;

namespace Grievance.Workflow.Hosting.HealthChecks;

/// <summary>How far behind the outbox subscribers and the due-work sweeps may fall before the health checks report it.</summary>
/// <remarks>A lag at or above the "degraded" limit reports <c>Degraded</c>; at or above the "unhealthy" limit, the registration's failure status.</remarks>
public sealed class GrievanceHealthCheckOptions
{
    /// <summary>Gets or sets how long an event may wait for a subscriber before the outbox check reports <c>Degraded</c>.</summary>
    /// <value>The default is 5 minutes; 1 second to 30 days, and at most <see cref="OutboxUnhealthyAfter"/>.</value>
    public TimeSpan OutboxDegradedAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how long an event may wait for a subscriber before the outbox check fails.</summary>
    /// <value>The default is 1 hour; 1 second to 30 days.</value>
    public TimeSpan OutboxUnhealthyAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long a deadline or feedback window may stay unswept after it ran out before the due-work check reports <c>Degraded</c>.</summary>
    /// <value>The default is 15 minutes; 1 second to 30 days, and at most <see cref="DueWorkUnhealthyAfter"/>.</value>
    public TimeSpan DueWorkDegradedAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets how long a deadline or feedback window may stay unswept after it ran out before the due-work check fails.</summary>
    /// <value>The default is 2 hours; 1 second to 30 days.</value>
    public TimeSpan DueWorkUnhealthyAfter { get; set; } = TimeSpan.FromHours(2);
}
