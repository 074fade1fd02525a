namespace Grievance.Workflow.Benchmarks;

/// <summary>The same lifecycle as a hand-written switch: the floor of what any implementation can cost.</summary>
internal static class HandWrittenLifecycle
{
    public static GrievanceStatus Fire(GrievanceStatus status, GrievanceAction action, bool closeAtFinalLevel) => (status, action) switch
    {
        (GrievanceStatus.Registered, GrievanceAction.Route) => GrievanceStatus.PendingWithOfficer,
        (GrievanceStatus.PendingWithOfficer, GrievanceAction.ReportAction) => GrievanceStatus.AwaitingFeedback,
        (GrievanceStatus.PendingWithOfficer, GrievanceAction.Transfer) => GrievanceStatus.PendingWithOfficer,
        (GrievanceStatus.AwaitingFeedback, GrievanceAction.RecordSatisfied) => GrievanceStatus.Closed,
        (GrievanceStatus.AwaitingFeedback, GrievanceAction.RecordDissatisfied) => closeAtFinalLevel ? GrievanceStatus.Closed : GrievanceStatus.PendingWithOfficer,
        (GrievanceStatus.Registered or GrievanceStatus.PendingWithOfficer, GrievanceAction.Reject) => GrievanceStatus.Closed,
        (not GrievanceStatus.Closed, GrievanceAction.Withdraw or GrievanceAction.MarkDuplicate) => GrievanceStatus.Closed,
        (not GrievanceStatus.Closed, GrievanceAction.AddNote) => status,
        _ => throw new InvalidOperationException($"{action} is not allowed in {status}."),
    };
}
