using System;

namespace Grievance.Workflow;

/// <summary>
/// A grievance as stored after a given number of applied commands (<see cref="Version"/>): the workflow data only.
/// The complainant's contact details are kept apart (see <see cref="ContactDetails"/>).
/// </summary>
/// <remarks>
/// Immutable and thread-safe; the engine makes a new snapshot for every accepted command. <see cref="ToString"/>
/// prints identity and status only, never the description, which may hold personal data.
/// </remarks>
public sealed record GrievanceSnapshot
{
    /// <summary>Gets the system identity.</summary>
    public required GrievanceId Id { get; init; }

    /// <summary>Gets the human-facing reference number.</summary>
    public required ReferenceNumber ReferenceNumber { get; init; }

    /// <summary>Gets the channel it arrived through.</summary>
    public required Channel Channel { get; init; }

    /// <summary>Gets what it is about.</summary>
    public required GrievanceCategory Category { get; init; }

    /// <summary>Gets where it arose.</summary>
    public required GrievanceLocation Location { get; init; }

    /// <summary>Gets the complainant's pseudonymous id.</summary>
    public required string ComplainantId { get; init; }

    /// <summary>Gets the complaint text, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the lifecycle status.</summary>
    public required GrievanceStatus Status { get; init; }

    /// <summary>Gets how it ended; <see cref="GrievanceOutcome.None"/> while open.</summary>
    public GrievanceOutcome Outcome { get; init; }

    /// <summary>Gets the current officer level: 1 for L1, 2 for L2, and so on.</summary>
    public int Level { get; init; } = 1;

    /// <summary>Gets the department it is with, or <see langword="null"/> while it waits in triage.</summary>
    public DepartmentId? Department { get; init; }

    /// <summary>Gets the officer it is with, or <see langword="null"/> when it is with a department desk or in triage.</summary>
    public OfficerId? Officer { get; init; }

    /// <summary>Gets how often it was reopened at each level since it reached its current department: index 0 is L1.</summary>
    /// <value>The default is empty, meaning no reopens at any level.</value>
    public LevelCounts ReopenCounts { get; init; }

    /// <summary>Gets how often it was transferred to another department.</summary>
    public int TransferCount { get; init; }

    /// <summary>Gets how many feedback calls since the last disposal found the complainant unreachable.</summary>
    public int UnreachableAttempts { get; init; }

    /// <summary>Gets when it was registered.</summary>
    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>Gets when the last command was applied.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets when the current officer's time limit runs out, or <see langword="null"/> when no officer clock runs.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Gets when feedback must be taken by, or <see langword="null"/> when no feedback is awaited or the window is off.</summary>
    public DateTimeOffset? FeedbackDueAt { get; init; }

    /// <summary>
    /// Gets the timer token: it changes whenever <see cref="DueAt"/> or <see cref="FeedbackDueAt"/> is re-armed, so a sweeper that
    /// read an older token can never act on a timer that no longer exists.
    /// </summary>
    public long TimerToken { get; init; }

    /// <summary>Gets whether the officer's time limit passed without disposal (a "defaulter"); cleared when the clock is re-armed.</summary>
    public bool IsOverdue { get; init; }

    /// <summary>Gets when the officer last reported disposal, or <see langword="null"/>.</summary>
    public DateTimeOffset? DisposedAt { get; init; }

    /// <summary>Gets when the current clarification pause began, or <see langword="null"/> when not paused.</summary>
    public DateTimeOffset? PausedAt { get; init; }

    /// <summary>Gets how many interim extensions the current officer clock has had.</summary>
    public int ExtensionCount { get; init; }

    /// <summary>Gets when it was closed, or <see langword="null"/> while open.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Gets the reason code of a rejection, or <see langword="null"/>.</summary>
    public string? RejectionReasonCode { get; init; }

    /// <summary>Gets the reference number of the original when this one was closed as a duplicate, or <see langword="null"/>.</summary>
    public ReferenceNumber? DuplicateOf { get; init; }

    /// <summary>
    /// Gets the reason code of a special closure: proposed (while <see cref="GrievanceStatus.AwaitingSpecialClosure"/>) or accepted
    /// (outcome <see cref="GrievanceOutcome.SpecialClosed"/>); otherwise <see langword="null"/>.
    /// </summary>
    public string? SpecialClosureReasonCode { get; init; }

    /// <summary>
    /// Gets the earlier grievances intake found this one likely duplicates (same complainant, category and location within the
    /// intake window), newest first, for triage to confirm with <see cref="MarkDuplicate"/>; never closed automatically.
    /// </summary>
    /// <value>The default is the empty list.</value>
    public ReferenceNumberList LikelyDuplicates { get; init; }

    /// <summary>Gets how many appeals the complainant filed against its closures.</summary>
    public int AppealCount { get; init; }

    /// <summary>Gets the outcome of the closure under appeal while <see cref="GrievanceStatus.UnderAppeal"/>; otherwise <see cref="GrievanceOutcome.None"/>.</summary>
    public GrievanceOutcome AppealedOutcome { get; init; }

    /// <summary>Gets the reason code intake flagged it with for triage (for example a limit the complainant reached), or <see langword="null"/>.</summary>
    public string? IntakeFlag { get; init; }

    /// <summary>Gets what its history adds up to for scorecards (feedback answers, reopened, escalated, breached, re-disposed).</summary>
    /// <value>The default is the empty tally of a new grievance.</value>
    public GrievanceTally Tally { get; init; }

    /// <summary>Gets the number of commands applied so far; the registration is version 1.</summary>
    public required long Version { get; init; }

    /// <summary>Gets whether it is closed.</summary>
    public bool IsClosed => Status == GrievanceStatus.Closed;

    /// <summary>Gets how often it was reopened at <paramref name="level"/>.</summary>
    /// <param name="level">The level, 1 for L1.</param>
    /// <returns>The count; 0 for a level with no entry.</returns>
    public int ReopensAt(int level) => ReopenCounts.At(level);

    /// <summary>Returns identity, status and version; never the description or personal data.</summary>
    /// <returns>For example <c>Grievance GRV-261128-7K3M9QXA (…) PendingWithOfficer L1 v2</c>.</returns>
    public override string ToString()
        => $"Grievance {ReferenceNumber} ({Id}) {Status}{(Outcome == GrievanceOutcome.None ? string.Empty : "/" + Outcome)} L{Level} v{Version}";
}
