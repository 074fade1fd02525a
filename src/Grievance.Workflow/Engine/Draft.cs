using System;

namespace Grievance.Workflow.Engine;

/// <summary>The changeable fields of a snapshot while a command is applied, turned into one new snapshot at the end.</summary>
internal struct Draft
{
    public Draft(GrievanceSnapshot current)
    {
        Level = current.Level;
        Department = current.Department;
        Officer = current.Officer;
        ReopenCounts = current.ReopenCounts;
        TransferCount = current.TransferCount;
        UnreachableAttempts = current.UnreachableAttempts;
        DueAt = current.DueAt;
        FeedbackDueAt = current.FeedbackDueAt;
        TimerToken = current.TimerToken;
        IsOverdue = current.IsOverdue;
        DisposedAt = current.DisposedAt;
        PausedAt = current.PausedAt;
        ExtensionCount = current.ExtensionCount;
        RejectionReasonCode = current.RejectionReasonCode;
        DuplicateOf = current.DuplicateOf;
        SpecialClosureReasonCode = current.SpecialClosureReasonCode;
        AppealCount = current.AppealCount;
        AppealedOutcome = current.AppealedOutcome;
    }

    public int Level;
    public DepartmentId? Department;
    public OfficerId? Officer;
    public LevelCounts ReopenCounts;
    public int TransferCount;
    public int UnreachableAttempts;
    public DateTimeOffset? DueAt;
    public DateTimeOffset? FeedbackDueAt;
    public long TimerToken;
    public bool IsOverdue;
    public DateTimeOffset? DisposedAt;
    public DateTimeOffset? PausedAt;
    public int ExtensionCount;
    public string? RejectionReasonCode;
    public ReferenceNumber? DuplicateOf;
    public string? SpecialClosureReasonCode;
    public int AppealCount;
    public GrievanceOutcome AppealedOutcome;

    public readonly GrievanceSnapshot ToSnapshot(GrievanceSnapshot previous, GrievanceStatus status, GrievanceOutcome outcome, DateTimeOffset now) => previous with
    {
        Status = status,
        Outcome = outcome,
        Level = Level,
        Department = Department,
        Officer = Officer,
        ReopenCounts = ReopenCounts,
        TransferCount = TransferCount,
        UnreachableAttempts = UnreachableAttempts,
        DueAt = DueAt,
        FeedbackDueAt = FeedbackDueAt,
        TimerToken = TimerToken,
        IsOverdue = IsOverdue,
        DisposedAt = DisposedAt,
        PausedAt = PausedAt,
        ExtensionCount = ExtensionCount,
        RejectionReasonCode = RejectionReasonCode,
        DuplicateOf = DuplicateOf,
        SpecialClosureReasonCode = SpecialClosureReasonCode,
        AppealCount = AppealCount,
        AppealedOutcome = AppealedOutcome,
        ClosedAt = status == GrievanceStatus.Closed ? now : null, // reopened by the complainant: open again
        UpdatedAt = now,
        Version = previous.Version + 1,
    };
}
