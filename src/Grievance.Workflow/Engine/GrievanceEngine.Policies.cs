using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Feedback;
using Grievance.Workflow.Lifecycle;
using Grievance.Workflow.Routing;

namespace Grievance.Workflow.Engine;

// Asking the routing, escalation and feedback policies before the lifecycle fires.
internal sealed partial class GrievanceEngine
{
    private async ValueTask<PolicyAnswers> AskPoliciesAsync(GrievanceCommand command, GrievanceSnapshot grievance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case RouteGrievance route:
                return new PolicyAnswers
                {
                    Department = route.Department,
                    Officer = route.Officer ?? await OfficerAtAsync(grievance, RoutingReason.ManualRoute, route.Department, 1, cancellationToken).ConfigureAwait(false),
                };

            case TransferGrievance transfer:
                if (transfer.ToDepartment == grievance.Department)
                {
                    return PolicyAnswers.Refused(NotAllowed(grievance, command.Action, $"it is already with department {transfer.ToDepartment}"));
                }

                return new PolicyAnswers
                {
                    Department = transfer.ToDepartment,
                    Officer = await OfficerAtAsync(grievance, RoutingReason.Transfer, transfer.ToDepartment, 1, cancellationToken).ConfigureAwait(false),
                };

            case RecordFeedback feedback:
                return await AskFeedbackPoliciesAsync(feedback.Response, grievance, now, cancellationToken).ConfigureAwait(false);

            case ReopenGrievance:
                // Asked only when the lifecycle would take it: otherwise its guard refuses, naming the window.
                return _limits.AllowsReopening(grievance, now)
                    ? await AskEscalationOnDissatisfactionAsync(grievance, now, cancellationToken).ConfigureAwait(false)
                    : PolicyAnswers.None;

            case ProposeSpecialClosure proposal:
                // Asked only when the options allow special closures: otherwise the lifecycle's guard refuses, naming the option.
                return !_limits.SpecialClosure || Array.BinarySearch(_specialClosureReasonCodes, proposal.ReasonCode, StringComparer.Ordinal) >= 0
                    ? PolicyAnswers.None
                    : PolicyAnswers.Refused(NotAllowed(grievance, command.Action, $"'{proposal.ReasonCode}' is not a special-closure reason code; the options allow {string.Join(", ", _specialClosureReasonCodes)}"));

            case AppealGrievance:
                return await AskAppealAsync(grievance, now, cancellationToken).ConfigureAwait(false);

            case AllowAppeal allow:
                if (_limits.LevelsFor(grievance) is var height && allow.Level > height)
                {
                    return PolicyAnswers.Refused(NotAllowed(grievance, command.Action, $"level {allow.Level} is above the ladder's {height}"));
                }

                return new PolicyAnswers
                {
                    Officer = grievance.Department is { } home && grievance.Status == GrievanceStatus.UnderAppeal
                        ? await OfficerAtAsync(grievance, RoutingReason.Appeal, home, allow.Level, cancellationToken).ConfigureAwait(false)
                        : null,
                };

            case ExtendDeadline extension:
                var earliest = grievance.DueAt is { } current && current > now ? current : now;
                var latest = _calendar.AddWorkingDays(now, _extensionHorizon).ToUniversalTime();
                return extension.NewDueAt > earliest && extension.NewDueAt <= latest
                    ? PolicyAnswers.None
                    : PolicyAnswers.Refused(new DeadlineExtensionOutOfRangeException(grievance.Id, extension.NewDueAt, earliest, latest));

            case EscalateGrievance:
                return new PolicyAnswers
                {
                    Escalation = EscalationKind.EscalateToLevel,
                    TargetLevel = grievance.Level + 1,
                    Officer = grievance.Level < _limits.LevelsFor(grievance)
                        ? await OfficerAtAsync(grievance, RoutingReason.Escalation, grievance.Department!.Value, grievance.Level + 1, cancellationToken).ConfigureAwait(false)
                        : null,
                };

            case HandleDueWork due:
                return await AskDueWorkPoliciesAsync(due, grievance, now, cancellationToken).ConfigureAwait(false);

            case MarkDuplicate duplicate:
                return await FindOriginalAsync(duplicate, grievance, cancellationToken).ConfigureAwait(false);

            default:
                return PolicyAnswers.None;
        }
    }

    /// <summary>
    /// Decides an appeal's questions before the lifecycle fires: a resolved grievance is appealed only after a poor rating (read from
    /// its history); the appeal goes to the directory's officer at the appellate level of its department, with the appellate
    /// authority's time limit. Asked only when the lifecycle would take it: otherwise its guard refuses, naming the rule.
    /// </summary>
    private async ValueTask<PolicyAnswers> AskAppealAsync(GrievanceSnapshot grievance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_limits.AllowsAppeal(grievance, now) || _limits.Appeals is not { } rules)
        {
            return PolicyAnswers.None;
        }

        if (await AppealRatingRefusalAsync(grievance, rules, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return PolicyAnswers.Refused(refusal);
        }

        return new PolicyAnswers
        {
            Officer = grievance.Department is { } department
                ? await OfficerAtAsync(grievance, RoutingReason.Appeal, department, _limits.AppellateLevelFor(grievance), cancellationToken).ConfigureAwait(false)
                : null,
            DueAt = _calendar.AddWorkingDays(now, rules.DecisionWorkingDays).ToUniversalTime(),
        };
    }

    /// <summary>
    /// The refusal of an appeal against a resolution the complainant rated well (or not at all), read from the history; otherwise
    /// <see langword="null"/>. The one rule an appeal's guard cannot hold: the rating is in the history, not on the snapshot.
    /// </summary>
    private async ValueTask<GrievanceWorkflowException?> AppealRatingRefusalAsync(GrievanceSnapshot grievance, AppealRules rules, CancellationToken cancellationToken)
    {
        if (grievance.Outcome != GrievanceOutcome.Resolved)
        {
            return null;
        }

        var history = await _store.GetHistoryAsync(grievance.Id, cancellationToken).ConfigureAwait(false);
        var rating = history.LastOrDefault(e => e.Action == GrievanceAction.RecordSatisfied)?.Rating;
        return rating is { } given && given <= rules.PoorRatingAtMost
            ? null
            : NotAllowed(grievance, GrievanceAction.Appeal,
                $"a resolved grievance is appealed only after a rating of at most {rules.PoorRatingAtMost}, and it was rated {(rating is { } r ? r.ToString(System.Globalization.CultureInfo.InvariantCulture) : "without a rating")}");
    }

    /// <summary>
    /// Finds the grievance a duplicate is recorded against: the named original or, when that is itself a duplicate, the root of its
    /// chain. Refused when the chain leads back to the grievance being marked (a duplicate of itself, directly or through others).
    /// </summary>
    private async ValueTask<PolicyAnswers> FindOriginalAsync(MarkDuplicate duplicate, GrievanceSnapshot grievance, CancellationToken cancellationToken)
    {
        var reference = duplicate.Original;
        for (var hop = 0; ; hop++)
        {
            var original = await _store.FindByReferenceAsync(reference, cancellationToken).ConfigureAwait(false);
            if (original is null)
            {
                return PolicyAnswers.Refused(hop == 0 ? new GrievanceNotFoundException(reference) : NotAllowed(grievance, duplicate.Action, $"the duplicate chain from {duplicate.Original} leads to {reference}, which does not exist"));
            }

            if (original.Id == grievance.Id)
            {
                return PolicyAnswers.Refused(NotAllowed(grievance, duplicate.Action, hop == 0
                    ? "a grievance cannot be a duplicate of itself"
                    : $"{duplicate.Original} is a duplicate of this grievance (through {hop} link{(hop == 1 ? string.Empty : "s")}): the chain would be a cycle"));
            }

            if (original.Outcome != GrievanceOutcome.Duplicate || original.DuplicateOf is not { } next)
            {
                return new PolicyAnswers { Feedback = FeedbackDecision.KeepWaiting, Original = original.ReferenceNumber };
            }

            if (hop >= MaxDuplicateHops)
            {
                return PolicyAnswers.Refused(NotAllowed(grievance, duplicate.Action, $"the duplicate chain from {duplicate.Original} is longer than {MaxDuplicateHops} links"));
            }

            reference = next;
        }
    }

    private async ValueTask<PolicyAnswers> AskDueWorkPoliciesAsync(HandleDueWork command, GrievanceSnapshot grievance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (due, stillDue) = command.Kind == GrievanceAction.SlaBreach
            ? (grievance.DueAt, !grievance.IsOverdue && grievance.DueAt <= now)
            : (grievance.FeedbackDueAt, grievance.FeedbackDueAt <= now);
        if (command.TimerToken != grievance.TimerToken || !stillDue)
        {
            return PolicyAnswers.Refused(NotAllowed(grievance, command.Action,
                $"the timer is not due: the sweeper read token {command.TimerToken}, the grievance has token {grievance.TimerToken}, due {due:O}, now {now:O}"));
        }

        if (command.Kind == GrievanceAction.FeedbackWindowExpired)
        {
            return await AskFeedbackPoliciesAsync(FeedbackResponse.WindowExpired, grievance, now, cancellationToken).ConfigureAwait(false);
        }

        var decision = await _escalation.DecideAsync(new EscalationRequest(grievance, now, EscalationReason.SlaBreach), cancellationToken).ConfigureAwait(false);
        if (decision.Kind == EscalationKind.FlagOverdue)
        {
            return new PolicyAnswers { Escalation = EscalationKind.FlagOverdue, TargetLevel = grievance.Level, Officer = grievance.Officer };
        }

        if (decision.Kind != EscalationKind.EscalateToLevel)
        {
            throw new InvalidOperationException(
                $"The escalation policy {_escalation.GetType().Name} answered {decision.Kind} to a breach on grievance {grievance.Id}; a breach escalates or flags a defaulter.");
        }

        return await EscalateToAsync(grievance, decision.Level, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<PolicyAnswers> AskFeedbackPoliciesAsync(FeedbackResponse response, GrievanceSnapshot grievance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var decision = await _feedback.DecideAsync(new FeedbackRequest(grievance, response, now), cancellationToken).ConfigureAwait(false);
        if (response is FeedbackResponse.NotReachable or FeedbackResponse.WindowExpired)
        {
            return new PolicyAnswers { Feedback = decision == FeedbackDecision.CloseWithoutFeedback ? FeedbackDecision.CloseWithoutFeedback : FeedbackDecision.KeepWaiting };
        }

        if (decision != FeedbackDecision.Accept)
        {
            throw new InvalidOperationException(
                $"The feedback policy {_feedback.GetType().Name} answered {decision} to a {response} response on grievance {grievance.Id}; a complainant who was reached is always accepted.");
        }

        if (response == FeedbackResponse.Satisfied)
        {
            return new PolicyAnswers { Feedback = FeedbackDecision.Accept };
        }

        return await AskEscalationOnDissatisfactionAsync(grievance, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Dissatisfaction — a reached complainant's, or a resolved grievance reopened: the escalation policy reopens, escalates or closes at the final level.</summary>
    private async ValueTask<PolicyAnswers> AskEscalationOnDissatisfactionAsync(GrievanceSnapshot grievance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var escalation = await _escalation.DecideAsync(new EscalationRequest(grievance, now, EscalationReason.Dissatisfaction), cancellationToken).ConfigureAwait(false);
        switch (escalation.Kind)
        {
            case EscalationKind.ReopenAtSameLevel or EscalationKind.CloseAtFinalLevel:
                return new PolicyAnswers { Feedback = FeedbackDecision.Accept, Escalation = escalation.Kind, TargetLevel = grievance.Level, Officer = grievance.Officer };
            case EscalationKind.EscalateToLevel:
                return await EscalateToAsync(grievance, escalation.Level, cancellationToken).ConfigureAwait(false) with { Feedback = FeedbackDecision.Accept };
            default:
                throw new InvalidOperationException(
                    $"The escalation policy {_escalation.GetType().Name} answered {escalation.Kind} to dissatisfaction on grievance {grievance.Id}; dissatisfaction reopens, escalates or closes at the final level.");
        }
    }

    private async ValueTask<PolicyAnswers> EscalateToAsync(GrievanceSnapshot grievance, int level, CancellationToken cancellationToken)
    {
        var levels = _limits.LevelsFor(grievance);
        if (level <= grievance.Level || level > levels)
        {
            throw new InvalidOperationException(
                $"The escalation policy {_escalation.GetType().Name} asked to move grievance {grievance.Id} from L{grievance.Level} to L{level}; it must go up, to at most L{levels}.");
        }

        return new PolicyAnswers
        {
            Escalation = EscalationKind.EscalateToLevel,
            TargetLevel = level,
            Officer = await OfficerAtAsync(grievance, RoutingReason.Escalation, grievance.Department!.Value, level, cancellationToken).ConfigureAwait(false),
        };
    }

    private async ValueTask<OfficerId?> OfficerAtAsync(GrievanceSnapshot grievance, RoutingReason reason, DepartmentId department, int level, CancellationToken cancellationToken)
        => (await _routing.RouteAsync(new RoutingRequest(grievance, reason, department, level), cancellationToken).ConfigureAwait(false)).Officer;
}
