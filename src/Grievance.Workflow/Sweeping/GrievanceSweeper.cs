using System;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Sweeping;

/// <summary>
/// The default due-work sweeper: asks the store's <see cref="IDueWorkQuery"/> for due timers and issues a <see cref="HandleDueWork"/>
/// command for each, as the system actor, with the version and timer token it read. A sweeper that loses a race to another (or to
/// any command) gets a concurrency conflict or a stale-timer refusal, counts it as skipped and moves on.
/// </summary>
/// <remarks>Thread-safe; holds no state between sweeps.</remarks>
public sealed class GrievanceSweeper : IGrievanceSweeper
{
    private readonly IGrievanceWorkflow _workflow;
    private readonly IDueWorkQuery _query;

    /// <summary>Creates the sweeper.</summary>
    /// <param name="workflow">The engine the commands go through.</param>
    /// <param name="query">The store's due-work query.</param>
    public GrievanceSweeper(IGrievanceWorkflow workflow, IDueWorkQuery query)
    {
        _workflow = workflow ?? throw new ArgumentNullException(nameof(workflow));
        _query = query ?? throw new ArgumentNullException(nameof(query));
    }

    /// <inheritdoc />
    public async ValueTask<SweepResult> SweepAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var result = new SweepResult();
        foreach (var kind in new[] { DueWorkKind.OfficerDeadline, DueWorkKind.FeedbackWindow })
        {
            var due = await _query.FindDueAsync(kind, now, batchSize, after: null, cancellationToken).ConfigureAwait(false);
            result = result with { Examined = result.Examined + due.Count, HasMore = result.HasMore || due.Count == batchSize };
            var action = kind == DueWorkKind.OfficerDeadline ? GrievanceAction.SlaBreach : GrievanceAction.FeedbackWindowExpired;
            foreach (var item in due)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var command = new HandleDueWork(item.GrievanceId, Actor.System, action, item.TimerToken) { ExpectedVersion = item.Version };
                var outcome = await _workflow.TryExecuteAsync(command, cancellationToken).ConfigureAwait(false);
                result = Count(result, outcome);
            }
        }

        return result;
    }

    private static SweepResult Count(SweepResult result, WorkflowResult outcome)
    {
        if (!outcome.TryGetValue(out var done))
        {
            return outcome.Error is GrievanceConcurrencyException or GrievanceActionNotAllowedException or GrievanceNotFoundException
                ? result with { Skipped = result.Skipped + 1 }
                : throw outcome.Error!;
        }

        var entry = done.Entry;
        return entry.ReasonCode switch
        {
            HistoryReasonCodes.EscalatedOnBreach => result with { Escalated = result.Escalated + 1 },
            HistoryReasonCodes.FlaggedDefaulter => result with { FlaggedOverdue = result.FlaggedOverdue + 1 },
            HistoryReasonCodes.FeedbackWindowClosed => result with { ClosedNoFeedback = result.ClosedNoFeedback + 1 },
            _ => result with { FeedbackWindowsRearmed = result.FeedbackWindowsRearmed + 1 },
        };
    }
}
