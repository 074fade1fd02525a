using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Authorization;
using Grievance.Workflow.Tracking;

namespace Grievance.Workflow.Engine;

// Reads: snapshots, history, tracking views and the actions permitted now.
internal sealed partial class GrievanceEngine
{
    public async ValueTask<GrievanceSnapshot> GetAsync(GrievanceId id, CancellationToken cancellationToken = default)
        => await _store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new GrievanceNotFoundException(id);

    public ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken = default)
        => _store.FindByReferenceAsync(referenceNumber, cancellationToken);

    public async ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken = default)
    {
        var history = await _store.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false);
        return history.Count > 0 ? history : throw new GrievanceNotFoundException(id);
    }

    public async ValueTask<GrievanceTracking> TrackAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken = default)
    {
        var g = await _store.FindByReferenceAsync(referenceNumber, cancellationToken).ConfigureAwait(false) ?? throw new GrievanceNotFoundException(referenceNumber);
        return await TrackingViewAsync(g, withText: false, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<GrievanceTracking> TrackForComplainantAsync(ReferenceNumber referenceNumber, Actor complainant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(complainant);
        var g = await _store.FindByReferenceAsync(referenceNumber, cancellationToken).ConfigureAwait(false);

        // Someone else's reference answers exactly like an unknown one: the view tells nothing to a caller who guesses references.
        if (g is null || complainant.Role != ActorRole.Complainant || !string.Equals(complainant.Id, g.ComplainantId, StringComparison.Ordinal))
        {
            throw new GrievanceNotFoundException(referenceNumber);
        }

        return await TrackingViewAsync(g, withText: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A tracking view: never internal entries; with <paramref name="withText"/>, the text addressed to the complainant or written by
    /// them (see <see cref="IsForTheComplainant"/>).
    /// </summary>
    private async ValueTask<GrievanceTracking> TrackingViewAsync(GrievanceSnapshot g, bool withText, CancellationToken cancellationToken)
    {
        var history = await _store.GetHistoryAsync(g.Id, cancellationToken).ConfigureAwait(false);
        var steps = new List<TrackingStep>(history.Count);
        foreach (var e in history)
        {
            if (!e.IsInternal)
            {
                var text = withText && IsForTheComplainant(e.Action) ? e.Text : null;
                steps.Add(new TrackingStep(e.Sequence, e.OccurredAt, e.Action, e.Actor.Role, e.ToStatus, e.Outcome, e.ToLevel, e.Department, text));
            }
        }

        return new GrievanceTracking(g.ReferenceNumber, g.Status, g.Outcome, g.Level, g.Department, g.DueAt, g.RegisteredAt, g.ClosedAt, steps);
    }

    /// <summary>
    /// Whether an action's text is addressed to the complainant (disposal reports, public notes, questions, interim replies,
    /// rejection remarks, a special closure's acceptance, the reasons a closure is upheld on appeal) or is their own
    /// (clarifications, feedback reasons, withdrawal reasons, reopening and appeal reasons). Transfer, escalation, duplicate and
    /// special-closure proposal remarks are the departments' own, as are an allowed appeal's instructions to the officer, and the
    /// description is the complainant's own already.
    /// </summary>
    private static bool IsForTheComplainant(GrievanceAction action) => action is GrievanceAction.ReportAction or GrievanceAction.AddNote
        or GrievanceAction.RequestClarification or GrievanceAction.ProvideClarification or GrievanceAction.ExtendDeadline or GrievanceAction.Reject
        or GrievanceAction.RecordDissatisfied or GrievanceAction.RecordSatisfied or GrievanceAction.Withdraw or GrievanceAction.ReopenByComplainant
        or GrievanceAction.AcceptSpecialClosure or GrievanceAction.Appeal or GrievanceAction.UpholdClosure;

    public async ValueTask<IReadOnlyList<GrievanceAction>> GetPermittedActionsAsync(GrievanceId id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var grievance = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        var candidates = AllowedByLifecycle(grievance);
        var permitted = new List<GrievanceAction>(candidates.Count);
        var now = _time.GetUtcNow();
        foreach (var action in candidates)
        {
            if ((action == GrievanceAction.SlaBreach && (grievance.IsOverdue || !(grievance.DueAt <= now)))
                || (action == GrievanceAction.FeedbackWindowExpired && !(grievance.FeedbackDueAt <= now)))
            {
                continue; // a timer action is open only once its timer has run out
            }

            if (action == GrievanceAction.Appeal && _limits.Appeals is { } rules
                && await AppealRatingRefusalAsync(grievance, rules, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue; // a resolution rated well is not open to appeal
            }

            var decision = await _authorization.AuthorizeAsync(new AuthorizationRequest(actor, action, grievance), cancellationToken).ConfigureAwait(false);
            if (decision.IsAllowed)
            {
                permitted.Add(action);
            }
        }

        return permitted;
    }
}
