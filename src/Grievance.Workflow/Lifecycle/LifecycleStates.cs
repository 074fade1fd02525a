using System;

namespace Grievance.Workflow.Lifecycle;

/// <summary>Maps between the public status and outcome and the state machine's states.</summary>
internal static class LifecycleStates
{
    public static LifecycleState From(GrievanceStatus status, GrievanceOutcome outcome) => status switch
    {
        GrievanceStatus.Registered => LifecycleState.Registered,
        GrievanceStatus.PendingWithOfficer => LifecycleState.PendingWithOfficer,
        GrievanceStatus.AwaitingFeedback => LifecycleState.AwaitingFeedback,
        GrievanceStatus.AwaitingClarification => LifecycleState.AwaitingClarification,
        GrievanceStatus.AwaitingSpecialClosure => LifecycleState.AwaitingSpecialClosure,
        GrievanceStatus.UnderAppeal => LifecycleState.UnderAppeal,
        GrievanceStatus.Closed => outcome switch
        {
            GrievanceOutcome.Resolved => LifecycleState.Resolved,
            GrievanceOutcome.ClosedAtFinalLevel => LifecycleState.ClosedAtFinalLevel,
            GrievanceOutcome.ClosedNoFeedback => LifecycleState.ClosedNoFeedback,
            GrievanceOutcome.Rejected => LifecycleState.Rejected,
            GrievanceOutcome.Withdrawn => LifecycleState.Withdrawn,
            GrievanceOutcome.Duplicate => LifecycleState.Duplicate,
            GrievanceOutcome.SpecialClosed => LifecycleState.SpecialClosed,
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A closed grievance must have an outcome."),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown grievance status."),
    };

    public static GrievanceStatus StatusOf(LifecycleState state) => state switch
    {
        LifecycleState.Registered => GrievanceStatus.Registered,
        LifecycleState.PendingWithOfficer => GrievanceStatus.PendingWithOfficer,
        LifecycleState.AwaitingFeedback => GrievanceStatus.AwaitingFeedback,
        LifecycleState.AwaitingClarification => GrievanceStatus.AwaitingClarification,
        LifecycleState.AwaitingSpecialClosure => GrievanceStatus.AwaitingSpecialClosure,
        LifecycleState.UnderAppeal => GrievanceStatus.UnderAppeal,
        LifecycleState.Open => throw new ArgumentOutOfRangeException(nameof(state), state, "A superstate is never current."),
        _ => GrievanceStatus.Closed,
    };

    public static GrievanceOutcome OutcomeOf(LifecycleState state) => state switch
    {
        LifecycleState.Resolved => GrievanceOutcome.Resolved,
        LifecycleState.ClosedAtFinalLevel => GrievanceOutcome.ClosedAtFinalLevel,
        LifecycleState.ClosedNoFeedback => GrievanceOutcome.ClosedNoFeedback,
        LifecycleState.Rejected => GrievanceOutcome.Rejected,
        LifecycleState.Withdrawn => GrievanceOutcome.Withdrawn,
        LifecycleState.Duplicate => GrievanceOutcome.Duplicate,
        LifecycleState.SpecialClosed => GrievanceOutcome.SpecialClosed,
        _ => GrievanceOutcome.None,
    };
}
