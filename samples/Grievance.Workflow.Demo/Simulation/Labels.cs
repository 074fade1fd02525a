namespace Grievance.Workflow.Demo.Simulation;

/// <summary>What the dashboard calls statuses and outcomes: words a desk's staff use, not enum names.</summary>
public static class Labels
{
    /// <summary>A status as people say it.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The label.</returns>
    public static string Of(GrievanceStatus status) => status switch
    {
        GrievanceStatus.Registered => "In triage (no department)",
        GrievanceStatus.PendingWithOfficer => "Pending with officer",
        GrievanceStatus.AwaitingClarification => "Awaiting clarification",
        GrievanceStatus.AwaitingFeedback => "Awaiting feedback call",
        GrievanceStatus.Closed => "Closed",
        GrievanceStatus.AwaitingSpecialClosure => "Special closure proposed",
        _ => status.ToString(),
    };

    /// <summary>An outcome as people say it; the ones that do not count as resolved are marked with an asterisk.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The label.</returns>
    public static string Of(GrievanceOutcome outcome) => outcome switch
    {
        GrievanceOutcome.Resolved => "Resolved",
        GrievanceOutcome.ClosedAtFinalLevel => "Closed at final level *",
        GrievanceOutcome.ClosedNoFeedback => "Closed, no feedback *",
        GrievanceOutcome.Rejected => "Rejected, not maintainable *",
        GrievanceOutcome.Withdrawn => "Withdrawn by complainant *",
        GrievanceOutcome.Duplicate => "Duplicate of another *",
        GrievanceOutcome.SpecialClosed => "Special closure *",
        _ => outcome.ToString(),
    };
}
