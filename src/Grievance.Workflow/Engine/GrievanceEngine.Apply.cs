using System;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Lifecycle;
using Grievance.Workflow.Storage;

namespace Grievance.Workflow.Engine;

// Firing the lifecycle and recording the new snapshot and history entry.
internal sealed partial class GrievanceEngine
{
    /// <summary>Fires the lifecycle on this thread's machine and records the new snapshot and history entry. Synchronous by design.</summary>
    private GrievanceChange Apply(GrievanceCommand command, string? fingerprint, GrievanceSnapshot grievance, in PolicyAnswers answers, DateTimeOffset now)
    {
        var lifecycle = _machines(grievance.Id);
        lifecycle.Context.Load(_limits, grievance, answers.Escalation, answers.Feedback, now);
        var state = lifecycle.Fire(command.Action);
        var status = LifecycleStates.StatusOf(state);
        var closed = status == GrievanceStatus.Closed;

        var g = new Draft(grievance);
        string? text = null;
        string? reasonCode = null;
        int? rating = null;
        var isInternal = false;
        switch (command)
        {
            case RouteGrievance:
                g.Department = answers.Department;
                g.Officer = answers.Officer;
                g.Level = 1;
                ArmOfficerClock(ref g, grievance, now);
                break;
            case ReportAction report:
                (g.DueAt, g.IsOverdue, g.UnreachableAttempts, g.DisposedAt, text) = (null, false, 0, now, report.Report);
                g.FeedbackDueAt = _clock.FeedbackDeadline(now);
                g.TimerToken++;
                break;
            case RecordFeedback feedback:
                (text, rating) = (feedback.Reason, feedback.Rating);
                if (feedback.Response == FeedbackResponse.NotReachable)
                {
                    g.UnreachableAttempts++;
                    reasonCode = closed ? HistoryReasonCodes.UnreachableLimit : null;
                }
                else if (feedback.Response == FeedbackResponse.Dissatisfied)
                {
                    reasonCode = Dissatisfied(ref g, grievance, answers, now);
                }

                break;
            case ReopenGrievance reopen:
                (g.DisposedAt, g.UnreachableAttempts, text) = (null, 0, reopen.Reason);
                reasonCode = Dissatisfied(ref g, grievance, answers, now);
                break;
            case TransferGrievance transfer:
                (g.Department, g.Officer, g.Level, g.ReopenCounts, text) = (answers.Department, answers.Officer, 1, LevelCounts.Empty, transfer.Reason);
                g.TransferCount++;
                ArmOfficerClock(ref g, grievance, now);
                break;
            case RejectGrievance reject:
                (g.RejectionReasonCode, reasonCode, text) = (reject.ReasonCode, reject.ReasonCode, reject.Remarks);
                break;
            case WithdrawGrievance withdraw:
                text = withdraw.Reason;
                break;
            case MarkDuplicate duplicate:
                var original = answers.Original ?? duplicate.Original;
                (g.DuplicateOf, reasonCode, text) = (original, original.Value, duplicate.Remarks);
                break;
            case AddNote note:
                (text, isInternal) = (note.Text, note.IsInternal);
                break;
            case RequestClarification request:
                (g.PausedAt, text) = (now, request.Question);
                g.TimerToken++;
                break;
            case ProvideClarification provided:
                (g.DueAt, g.PausedAt, text) = (grievance.DueAt + (now - grievance.PausedAt), null, provided.Answer);
                g.TimerToken++;
                break;
            case ExtendDeadline extension:
                (g.DueAt, g.IsOverdue, text) = (extension.NewDueAt, false, extension.Reason);
                g.ExtensionCount++;
                g.TimerToken++;
                break;
            case EscalateGrievance escalate:
                (g.Level, g.Officer, text, reasonCode) = (answers.TargetLevel, answers.Officer, escalate.Reason, HistoryReasonCodes.EscalatedManually);
                ArmOfficerClock(ref g, grievance, now);
                break;
            case ProposeSpecialClosure proposal:
                // The deadline stays as it was (a rejected proposal comes back with it); no timer runs while a higher level decides.
                (g.SpecialClosureReasonCode, reasonCode, text) = (proposal.ReasonCode, proposal.ReasonCode, proposal.Remarks);
                g.TimerToken++;
                break;
            case AcceptSpecialClosure acceptance:
                (reasonCode, text) = (grievance.SpecialClosureReasonCode, acceptance.Remarks);
                break;
            case RejectSpecialClosure rejection:
                (g.SpecialClosureReasonCode, reasonCode, text) = (null, HistoryReasonCodes.SpecialClosureRejected, rejection.Remarks);
                g.TimerToken++;
                break;
            case AppealGrievance appeal:
                // Assigned to the appellate officer, under the appellate authority's own time limit; the level stays the disposing one.
                (g.AppealedOutcome, g.Officer, g.DueAt, g.IsOverdue, g.FeedbackDueAt, text) = (grievance.Outcome, answers.Officer ?? grievance.Officer, answers.DueAt, false, null, appeal.Reason);
                g.AppealCount++;
                g.TimerToken++;
                break;
            case UpholdClosure uphold:
                (g.AppealedOutcome, reasonCode, text) = (GrievanceOutcome.None, HistoryReasonCodes.AppealUpheld, uphold.Reasons);
                break;
            case AllowAppeal allow:
                (g.AppealedOutcome, g.RejectionReasonCode, g.SpecialClosureReasonCode, g.DisposedAt, g.UnreachableAttempts) = (GrievanceOutcome.None, null, null, null, 0);
                (g.Level, g.Officer, reasonCode, text) = (grievance.Department is null ? 1 : allow.Level, answers.Officer, HistoryReasonCodes.AppealAllowed, allow.Remarks);
                if (status == GrievanceStatus.PendingWithOfficer)
                {
                    ArmOfficerClock(ref g, grievance, now);
                }
                else
                {
                    (g.DueAt, g.IsOverdue) = (null, false); // back to triage, to be routed afresh
                    g.TimerToken++;
                }

                break;
            case HandleDueWork { Kind: GrievanceAction.SlaBreach }:
                if (answers.Escalation == EscalationKind.EscalateToLevel)
                {
                    (g.Level, g.Officer, reasonCode) = (answers.TargetLevel, answers.Officer, HistoryReasonCodes.EscalatedOnBreach);
                    ArmOfficerClock(ref g, grievance, now);
                }
                else
                {
                    (g.IsOverdue, reasonCode) = (true, HistoryReasonCodes.FlaggedDefaulter);
                }

                break;
            case HandleDueWork:
                if (closed)
                {
                    reasonCode = HistoryReasonCodes.FeedbackWindowClosed;
                }
                else
                {
                    g.FeedbackDueAt = _clock.FeedbackDeadline(now);
                    g.TimerToken++;
                }

                break;
        }

        if (closed)
        {
            (g.DueAt, g.FeedbackDueAt, g.PausedAt) = (null, null, null);
        }

        var next = g.ToSnapshot(grievance, status, LifecycleStates.OutcomeOf(state), now);
        var entry = new HistoryEntry
        {
            GrievanceId = grievance.Id,
            Sequence = next.Version,
            OccurredAt = now,
            Actor = command.Actor,
            Action = command.Action,
            FromStatus = grievance.Status,
            ToStatus = status,
            Outcome = next.Outcome,
            FromLevel = grievance.Level,
            ToLevel = next.Level,
            Department = next.Department,
            Officer = next.Officer,
            Text = text,
            ReasonCode = reasonCode,
            Rating = rating,
            IsInternal = isInternal,
            CommandId = command.CommandId,
            CommandFingerprint = fingerprint,
        };
        next = next with { Tally = grievance.Tally.Add(entry) };
        return new GrievanceChange(next, entry, EventRecorder.For(entry, next)) { Previous = grievance };
    }

    private string Dissatisfied(ref Draft g, GrievanceSnapshot grievance, in PolicyAnswers answers, DateTimeOffset now)
    {
        g.FeedbackDueAt = null;
        switch (answers.Escalation)
        {
            case EscalationKind.ReopenAtSameLevel:
                g.ReopenCounts = grievance.ReopenCounts.Increment(grievance.Level);
                ArmOfficerClock(ref g, grievance, now);
                return HistoryReasonCodes.Reopened;
            case EscalationKind.EscalateToLevel:
                (g.Level, g.Officer) = (answers.TargetLevel, answers.Officer);
                ArmOfficerClock(ref g, grievance, now);
                return HistoryReasonCodes.EscalatedOnDissatisfaction;
            default:
                return HistoryReasonCodes.ClosedAtFinalLevel;
        }
    }

    /// <summary>Starts a fresh officer clock at the draft's level: new deadline, new token, no extensions, not overdue.</summary>
    private void ArmOfficerClock(ref Draft g, GrievanceSnapshot grievance, DateTimeOffset now)
    {
        g.DueAt = _clock.OfficerDeadline(g.Department, grievance.Category, g.Level, now); // the department's ladder: a transfer adopts the new one
        g.IsOverdue = false;
        g.ExtensionCount = 0;
        g.TimerToken++;
    }
}
