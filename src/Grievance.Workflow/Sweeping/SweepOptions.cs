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

    /// <summary>
    /// Gets or sets how many pages of due work (of up to <see cref="GrievanceLimits.MaxBatchSize"/> items each) one sweep handles
    /// at once: above one, the next page is read and decided while the pages before it are written, each in its own transaction;
    /// pages never share an item, and a sweep returns (or throws its first failure) only once every page it started is done.
    /// Worth 2 or more on PostgreSQL, whose server writes the pages side by side (10,000 defaulters flagged in ~0.8–1.1 s instead of
    /// ~1.2–1.3 s with the app and the server on two cores, where 3 gained nothing more); SQLite writes one transaction at a time, so
    /// there it gains nothing.
    /// </summary>
    /// <value>The default is 1: one page after another. From 1 to 8.</value>
    public int PagesInFlight { get; set; } = 1;
}
