using System;

namespace Grievance.Workflow.Events;

/// <summary>
/// A domain event: one thing that happened to a grievance, recorded by the store in the same atomic write as the state change
/// and delivered through the outbox. It carries the grievance's state after the command, and no free text or personal data.
/// </summary>
/// <remarks>Immutable and thread-safe. (<see cref="GrievanceId"/>, <see cref="Sequence"/>, <see cref="Index"/>) identifies it.</remarks>
public sealed record GrievanceEvent
{
    /// <summary>Gets the grievance.</summary>
    public required GrievanceId GrievanceId { get; init; }

    /// <summary>Gets the grievance's reference number.</summary>
    public required ReferenceNumber ReferenceNumber { get; init; }

    /// <summary>Gets the sequence of the history entry (the command) that raised it.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets its place among the events of that command, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>Gets what happened.</summary>
    public required GrievanceEventType Type { get; init; }

    /// <summary>Gets when.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets the channel the grievance came through.</summary>
    public required Channel Channel { get; init; }

    /// <summary>Gets the status after the command.</summary>
    public required GrievanceStatus Status { get; init; }

    /// <summary>Gets the outcome after the command.</summary>
    public GrievanceOutcome Outcome { get; init; }

    /// <summary>Gets the level after the command.</summary>
    public required int Level { get; init; }

    /// <summary>Gets the department after the command, or <see langword="null"/>.</summary>
    public DepartmentId? Department { get; init; }

    /// <summary>Gets the officer after the command, or <see langword="null"/>.</summary>
    public OfficerId? Officer { get; init; }

    /// <summary>Gets the officer's deadline after the command, or <see langword="null"/>.</summary>
    public DateTimeOffset? DueAt { get; init; }
}
