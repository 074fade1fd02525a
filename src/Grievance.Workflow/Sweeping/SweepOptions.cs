using System;

namespace Grievance.Workflow.Sweeping;

/// <summary>Options of the due-work sweeper (<see cref="GrievanceSweeper"/>).</summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class SweepOptions
{
    /// <summary>
    /// Gets or sets how long a sweeper's claim on due work lasts (with a store that implements <see cref="IDueWorkClaims"/>): the
    /// sweeper releases its claims once a batch is handled, so this matters only when a sweeper dies holding them — another node's
    /// sweeper then takes the work over after this long.
    /// </summary>
    /// <value>The default is 2 minutes. From 5 seconds to 1 hour; keep it above the time one batch takes.</value>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);
}
