using System;

namespace Grievance.Workflow;

/// <summary>
/// One immutable line of a grievance's audit trail: one per accepted command, numbered from 1 by <see cref="Sequence"/>,
/// which equals the grievance's <see cref="GrievanceSnapshot.Version"/> after that command.
/// </summary>
/// <remarks>Immutable and thread-safe. <see cref="ToString"/> leaves out <see cref="Text"/>, which may hold personal data.</remarks>
public sealed record HistoryEntry
{
    /// <summary>Gets the grievance.</summary>
    public required GrievanceId GrievanceId { get; init; }

    /// <summary>Gets the entry's number, from 1; equal to the grievance's version after the command.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets when the command was applied, from the engine's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets who took the action.</summary>
    public required Actor Actor { get; init; }

    /// <summary>Gets the action.</summary>
    public required GrievanceAction Action { get; init; }

    /// <summary>Gets the status before the command.</summary>
    public required GrievanceStatus FromStatus { get; init; }

    /// <summary>Gets the status after the command.</summary>
    public required GrievanceStatus ToStatus { get; init; }

    /// <summary>Gets the outcome after the command; <see cref="GrievanceOutcome.None"/> while open.</summary>
    public GrievanceOutcome Outcome { get; init; }

    /// <summary>Gets the level before the command.</summary>
    public required int FromLevel { get; init; }

    /// <summary>Gets the level after the command.</summary>
    public required int ToLevel { get; init; }

    /// <summary>Gets the department after the command, or <see langword="null"/>.</summary>
    public DepartmentId? Department { get; init; }

    /// <summary>Gets the officer after the command, or <see langword="null"/>.</summary>
    public OfficerId? Officer { get; init; }

    /// <summary>Gets the text the command carried: the description, report, reason, remarks or note.</summary>
    public string? Text { get; init; }

    /// <summary>Gets a machine-readable reason: a rejection code, the duplicate's original reference, an escalation reason, or an unroutable reason.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>Gets a feedback rating from 1 to 5, or <see langword="null"/>.</summary>
    public int? Rating { get; init; }

    /// <summary>Gets whether the entry is internal to the department (an internal note): left out of what the complainant sees.</summary>
    public bool IsInternal { get; init; }

    /// <summary>Gets the command's idempotency key, or <see langword="null"/>.</summary>
    public CommandId? CommandId { get; init; }

    /// <summary>
    /// Gets a stable fingerprint of the whole command that carried <see cref="CommandId"/> (its action, grievance, actor and every
    /// payload field; a hash, never the text), which tells a retry of the same command from another command that reuses the id.
    /// </summary>
    /// <value>
    /// <see langword="null"/> when the command had no command id, and for entries written before fingerprints were recorded: a
    /// command id found on such an entry is matched on grievance and action only.
    /// </value>
    public string? CommandFingerprint { get; init; }

    /// <summary>Returns the sequence, action, transition and actor; never <see cref="Text"/>.</summary>
    /// <returns>For example <c>#3 ReportAction PendingWithOfficer L1 -> AwaitingFeedback L1 by Officer o-1 (revenue L1)</c>.</returns>
    public override string ToString()
        => $"#{Sequence} {Action} {FromStatus} L{FromLevel} -> {ToStatus}{(Outcome == GrievanceOutcome.None ? string.Empty : "/" + Outcome)} L{ToLevel} by {Actor}";
}
