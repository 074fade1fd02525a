namespace Grievance.Workflow;

/// <summary>The reason codes the engine writes into <see cref="HistoryEntry.ReasonCode"/> (a rejection's code is the caller's own).</summary>
public static class HistoryReasonCodes
{
    /// <summary>Registered but left in triage: no department could be found.</summary>
    public const string Unroutable = "unroutable";

    /// <summary>Dissatisfaction sent it back to the same level.</summary>
    public const string Reopened = "reopened";

    /// <summary>Dissatisfaction moved it up a level.</summary>
    public const string EscalatedOnDissatisfaction = "escalated";

    /// <summary>Dissatisfaction at the final level closed it.</summary>
    public const string ClosedAtFinalLevel = "closed-at-final-level";

    /// <summary>The officer's time limit passed and it moved up a level.</summary>
    public const string EscalatedOnBreach = "sla-breach";

    /// <summary>The officer's time limit passed and it was flagged as a defaulter.</summary>
    public const string FlaggedDefaulter = "defaulter";

    /// <summary>An administrator moved it up a level by hand.</summary>
    public const string EscalatedManually = "manual";

    /// <summary>The complainant stayed unreachable as often as the feedback policy allows: closed with no feedback.</summary>
    public const string UnreachableLimit = "unreachable-limit";

    /// <summary>No feedback within the feedback window: closed with no feedback.</summary>
    public const string FeedbackWindowClosed = "feedback-window";

    /// <summary>A proposed special closure was rejected: back with the proposer.</summary>
    public const string SpecialClosureRejected = "special-closure-rejected";

    /// <summary>The appellate authority upheld the closure.</summary>
    public const string AppealUpheld = "appeal-upheld";

    /// <summary>The appellate authority allowed the appeal.</summary>
    public const string AppealAllowed = "appeal-allowed";
}
