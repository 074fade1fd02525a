using System;

namespace Grievance.Workflow.Sweeping;

/// <summary>A grievance whose timer is due, as the store's due-work query returns it; also the keyset cursor for the next page.</summary>
/// <param name="GrievanceId">The grievance.</param>
/// <param name="DueAt">When the timer ran out.</param>
/// <param name="TimerToken">The grievance's timer token when read.</param>
/// <param name="Version">The grievance's version when read.</param>
public readonly record struct DueWorkItem(GrievanceId GrievanceId, DateTimeOffset DueAt, long TimerToken, long Version)
{
    /// <summary>The item of a grievance's timer of one kind: its due time (the officer's or the feedback window's), timer token and version.</summary>
    /// <param name="grievance">The grievance.</param>
    /// <param name="kind">Which timer.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grievance"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The grievance has no timer of that kind running.</exception>
    public static DueWorkItem Of(GrievanceSnapshot grievance, DueWorkKind kind)
    {
        ArgumentNullException.ThrowIfNull(grievance);
        var due = kind switch
        {
            DueWorkKind.OfficerDeadline => grievance.DueAt,
            DueWorkKind.FeedbackWindow => grievance.FeedbackDueAt,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown due-work kind."),
        };
        return due is { } at
            ? new DueWorkItem(grievance.Id, at, grievance.TimerToken, grievance.Version)
            : throw new ArgumentException($"Grievance {grievance.Id} in state {grievance.Status} has no {kind} timer running.", nameof(grievance));
    }
}
