using System;

namespace Grievance.Workflow.Tracking;

/// <summary>One step of a grievance as its complainant may see it: what happened, when, and where it stood afterwards.</summary>
/// <param name="Sequence">The step's history sequence.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Action">What happened.</param>
/// <param name="ActorRole">Who acted, by role only.</param>
/// <param name="Status">The status afterwards.</param>
/// <param name="Outcome">The outcome afterwards.</param>
/// <param name="Level">The level afterwards.</param>
/// <param name="Department">The department afterwards, or <see langword="null"/>.</param>
/// <param name="Text">The step's text when it is addressed to the complainant or their own (a disposal report, a public note, a question), and only in the complainant's own view (<see cref="IGrievanceWorkflow.TrackForComplainantAsync"/>); otherwise <see langword="null"/>.</param>
public sealed record TrackingStep(long Sequence, DateTimeOffset OccurredAt, GrievanceAction Action, ActorRole ActorRole, GrievanceStatus Status, GrievanceOutcome Outcome, int Level, DepartmentId? Department, string? Text);
