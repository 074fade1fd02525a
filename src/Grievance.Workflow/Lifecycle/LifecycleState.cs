namespace Grievance.Workflow.Lifecycle;

/// <summary>The lifecycle's states as the state machine sees them: the public status with each closed outcome as a substate of <see cref="Closed"/>.</summary>
internal enum LifecycleState
{
    /// <summary>Superstate of every state in which the grievance can still change.</summary>
    Open,

    /// <summary>See <see cref="GrievanceStatus.Registered"/>.</summary>
    Registered,

    /// <summary>See <see cref="GrievanceStatus.PendingWithOfficer"/>.</summary>
    PendingWithOfficer,

    /// <summary>See <see cref="GrievanceStatus.AwaitingFeedback"/>.</summary>
    AwaitingFeedback,

    /// <summary>See <see cref="GrievanceStatus.AwaitingClarification"/>.</summary>
    AwaitingClarification,

    /// <summary>A special closure was proposed; a higher level decides.</summary>
    AwaitingSpecialClosure,

    /// <summary>Appealed against a closure; the appellate authority decides. Not open (nothing but notes and the decision), not closed.</summary>
    UnderAppeal,

    /// <summary>Superstate of the terminal outcomes.</summary>
    Closed,

    /// <summary>Closed, <see cref="GrievanceOutcome.Resolved"/>.</summary>
    Resolved,

    /// <summary>Closed, <see cref="GrievanceOutcome.ClosedAtFinalLevel"/>.</summary>
    ClosedAtFinalLevel,

    /// <summary>Closed, <see cref="GrievanceOutcome.ClosedNoFeedback"/>.</summary>
    ClosedNoFeedback,

    /// <summary>Closed, <see cref="GrievanceOutcome.Rejected"/>.</summary>
    Rejected,

    /// <summary>Closed, <see cref="GrievanceOutcome.Withdrawn"/>.</summary>
    Withdrawn,

    /// <summary>Closed, <see cref="GrievanceOutcome.Duplicate"/>.</summary>
    Duplicate,

    /// <summary>Closed, <see cref="GrievanceOutcome.SpecialClosed"/>.</summary>
    SpecialClosed,
}
