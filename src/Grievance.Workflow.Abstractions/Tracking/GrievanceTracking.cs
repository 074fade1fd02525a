using System;
using System.Collections.Generic;

namespace Grievance.Workflow.Tracking;

/// <summary>
/// "Where is my complaint?" — what a complainant may see of a grievance, by its reference number: where it stands, who holds it, by
/// when, and its steps without the department's internal notes, staff ids or anyone's personal data.
/// </summary>
/// <param name="ReferenceNumber">The reference number.</param>
/// <param name="Status">The status.</param>
/// <param name="Outcome">The outcome; <see cref="GrievanceOutcome.None"/> while open.</param>
/// <param name="Level">The officer level, 1 for L1.</param>
/// <param name="Department">The department holding it, or <see langword="null"/> in triage.</param>
/// <param name="DueAt">When the officer's time runs out, or <see langword="null"/>.</param>
/// <param name="RegisteredAt">When it was registered.</param>
/// <param name="ClosedAt">When it closed, or <see langword="null"/>.</param>
/// <param name="Steps">Its steps, oldest first.</param>
public sealed record GrievanceTracking(
    ReferenceNumber ReferenceNumber,
    GrievanceStatus Status,
    GrievanceOutcome Outcome,
    int Level,
    DepartmentId? Department,
    DateTimeOffset? DueAt,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<TrackingStep> Steps);
