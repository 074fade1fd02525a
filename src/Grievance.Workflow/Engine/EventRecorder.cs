using System;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Engine;

/// <summary>Derives the domain events of an accepted command from its history entry and the grievance after it.</summary>
internal static class EventRecorder
{
    public static GrievanceEvent[] For(HistoryEntry entry, GrievanceSnapshot after)
    {
        var closed = after.Status == GrievanceStatus.Closed;
        var types = entry.Action switch
        {
            GrievanceAction.Register => after.Status == GrievanceStatus.PendingWithOfficer
                ? [GrievanceEventType.Registered, GrievanceEventType.Routed]
                : [GrievanceEventType.Registered],
            GrievanceAction.Route => [GrievanceEventType.Routed],
            GrievanceAction.ReportAction => [GrievanceEventType.ActionReported],
            GrievanceAction.RecordSatisfied or GrievanceAction.RecordDissatisfied or GrievanceAction.RecordUnreachable => entry.ReasonCode switch
            {
                HistoryReasonCodes.Reopened => [GrievanceEventType.FeedbackRecorded, GrievanceEventType.Reopened],
                HistoryReasonCodes.EscalatedOnDissatisfaction => [GrievanceEventType.FeedbackRecorded, GrievanceEventType.Escalated],
                _ => closed ? [GrievanceEventType.FeedbackRecorded, GrievanceEventType.Closed] : new[] { GrievanceEventType.FeedbackRecorded },
            },
            GrievanceAction.Transfer => [GrievanceEventType.Transferred],
            GrievanceAction.Reject or GrievanceAction.Withdraw or GrievanceAction.MarkDuplicate => [GrievanceEventType.Closed],
            GrievanceAction.AddNote => [GrievanceEventType.NoteAdded],
            GrievanceAction.RequestClarification => [GrievanceEventType.ClarificationRequested],
            GrievanceAction.ProvideClarification => [GrievanceEventType.ClarificationProvided],
            GrievanceAction.ExtendDeadline => [GrievanceEventType.DeadlineExtended],
            GrievanceAction.Escalate => [GrievanceEventType.Escalated],
            GrievanceAction.SlaBreach => entry.ReasonCode == HistoryReasonCodes.FlaggedDefaulter ? [GrievanceEventType.FlaggedOverdue] : new[] { GrievanceEventType.Escalated },
            GrievanceAction.FeedbackWindowExpired => closed ? [GrievanceEventType.Closed] : Array.Empty<GrievanceEventType>(),
            _ => Array.Empty<GrievanceEventType>(),
        };

        var events = new GrievanceEvent[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            events[i] = new GrievanceEvent
            {
                GrievanceId = after.Id,
                ReferenceNumber = after.ReferenceNumber,
                Sequence = entry.Sequence,
                Index = i,
                Type = types[i],
                OccurredAt = entry.OccurredAt,
                Channel = after.Channel,
                Status = after.Status,
                Outcome = after.Outcome,
                Level = after.Level,
                Department = after.Department,
                Officer = after.Officer,
                DueAt = after.DueAt,
            };
        }

        return events;
    }
}
