using System;
using System.Collections.Generic;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Engine;

/// <summary>Derives the domain events of an accepted command from its history entry and the grievance after it.</summary>
internal static class EventRecorder
{
    private static readonly GrievanceEventType[] None = [];
    private static readonly GrievanceEventType[] Registered = [GrievanceEventType.Registered];
    private static readonly GrievanceEventType[] RegisteredAndRouted = [GrievanceEventType.Registered, GrievanceEventType.Routed];
    private static readonly GrievanceEventType[] Routed = [GrievanceEventType.Routed];
    private static readonly GrievanceEventType[] ActionReported = [GrievanceEventType.ActionReported];
    private static readonly GrievanceEventType[] FeedbackReopened = [GrievanceEventType.FeedbackRecorded, GrievanceEventType.Reopened];
    private static readonly GrievanceEventType[] FeedbackEscalated = [GrievanceEventType.FeedbackRecorded, GrievanceEventType.Escalated];
    private static readonly GrievanceEventType[] FeedbackClosed = [GrievanceEventType.FeedbackRecorded, GrievanceEventType.Closed];
    private static readonly GrievanceEventType[] Feedback = [GrievanceEventType.FeedbackRecorded];
    private static readonly GrievanceEventType[] Transferred = [GrievanceEventType.Transferred];
    private static readonly GrievanceEventType[] Closed = [GrievanceEventType.Closed];
    private static readonly GrievanceEventType[] NoteAdded = [GrievanceEventType.NoteAdded];
    private static readonly GrievanceEventType[] ClarificationRequested = [GrievanceEventType.ClarificationRequested];
    private static readonly GrievanceEventType[] ClarificationProvided = [GrievanceEventType.ClarificationProvided];
    private static readonly GrievanceEventType[] DeadlineExtended = [GrievanceEventType.DeadlineExtended];
    private static readonly GrievanceEventType[] Escalated = [GrievanceEventType.Escalated];
    private static readonly GrievanceEventType[] FlaggedOverdue = [GrievanceEventType.FlaggedOverdue];
    private static readonly GrievanceEventType[] Reopened = [GrievanceEventType.Reopened];
    private static readonly GrievanceEventType[] SpecialClosureProposed = [GrievanceEventType.SpecialClosureProposed];
    private static readonly GrievanceEventType[] SpecialClosureAccepted = [GrievanceEventType.SpecialClosureAccepted, GrievanceEventType.Closed];
    private static readonly GrievanceEventType[] SpecialClosureRejected = [GrievanceEventType.SpecialClosureRejected];
    private static readonly GrievanceEventType[] Appealed = [GrievanceEventType.Appealed];
    private static readonly GrievanceEventType[] AppealUpheld = [GrievanceEventType.AppealUpheld, GrievanceEventType.Closed];
    private static readonly GrievanceEventType[] AppealAllowed = [GrievanceEventType.AppealAllowed];

    public static IReadOnlyList<GrievanceEvent> For(HistoryEntry entry, GrievanceSnapshot after)
    {
        var closed = after.Status == GrievanceStatus.Closed;
        var types = entry.Action switch
        {
            GrievanceAction.Register => after.Status == GrievanceStatus.PendingWithOfficer ? RegisteredAndRouted : Registered,
            GrievanceAction.Route => Routed,
            GrievanceAction.ReportAction => ActionReported,
            GrievanceAction.RecordSatisfied or GrievanceAction.RecordDissatisfied or GrievanceAction.RecordUnreachable => entry.ReasonCode switch
            {
                HistoryReasonCodes.Reopened => FeedbackReopened,
                HistoryReasonCodes.EscalatedOnDissatisfaction => FeedbackEscalated,
                _ => closed ? FeedbackClosed : Feedback,
            },
            GrievanceAction.ReopenByComplainant => entry.ReasonCode switch
            {
                HistoryReasonCodes.Reopened => Reopened,
                HistoryReasonCodes.EscalatedOnDissatisfaction => Escalated,
                _ => Closed,
            },
            GrievanceAction.Transfer => Transferred,
            GrievanceAction.Reject or GrievanceAction.Withdraw or GrievanceAction.MarkDuplicate => Closed,
            GrievanceAction.AddNote => NoteAdded,
            GrievanceAction.RequestClarification => ClarificationRequested,
            GrievanceAction.ProvideClarification => ClarificationProvided,
            GrievanceAction.ExtendDeadline => DeadlineExtended,
            GrievanceAction.Escalate => Escalated,
            GrievanceAction.SlaBreach => entry.ReasonCode == HistoryReasonCodes.FlaggedDefaulter ? FlaggedOverdue : Escalated,
            GrievanceAction.FeedbackWindowExpired => closed ? Closed : None,
            GrievanceAction.ProposeSpecialClosure => SpecialClosureProposed,
            GrievanceAction.AcceptSpecialClosure => SpecialClosureAccepted,
            GrievanceAction.RejectSpecialClosure => SpecialClosureRejected,
            GrievanceAction.Appeal => Appealed,
            GrievanceAction.UpholdClosure => AppealUpheld,
            GrievanceAction.AllowAppeal => AppealAllowed,
            _ => None,
        };

        return types.Length == 0 ? Array.Empty<GrievanceEvent>() : new RecordedEvents(types, entry, after);
    }

    /// <summary>
    /// Makes the event at <paramref name="index"/> of a command from its history entry, which holds the grievance's status,
    /// outcome, level, department and officer after the command, plus what the entry does not hold.
    /// </summary>
    public static GrievanceEvent Event(HistoryEntry entry, int index, GrievanceEventType type, ReferenceNumber referenceNumber, Channel channel, DateTimeOffset? dueAt)
        => new()
        {
            GrievanceId = entry.GrievanceId,
            ReferenceNumber = referenceNumber,
            Sequence = entry.Sequence,
            Index = index,
            Type = type,
            OccurredAt = entry.OccurredAt,
            Channel = channel,
            Status = entry.ToStatus,
            Outcome = entry.Outcome,
            Level = entry.ToLevel,
            Department = entry.Department,
            Officer = entry.Officer,
            DueAt = dueAt,
        };
}
