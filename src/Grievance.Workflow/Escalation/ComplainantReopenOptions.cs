using System;

namespace Grievance.Workflow.Escalation;

/// <summary>
/// Options of reopening by the complainant (<see cref="ReopenGrievance"/>): whether a resolved grievance may be reopened when the
/// problem comes back, and for how long after its closure (DIGIT PGR allows 10 days).
/// </summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class ComplainantReopenOptions
{
    /// <summary>Gets or sets whether complainants may reopen resolved grievances.</summary>
    /// <value>The default is <see langword="false"/>: off, so that the seed's flow (closed stays closed) is exact unless a desk opts in.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets how long after the closure a resolved grievance may be reopened.</summary>
    /// <value>The default is 10 days. From 1 hour to 365 days.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(10);
}
