using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Privacy;

/// <summary>
/// The default retention job: batches of <see cref="IComplainantAnonymizer.AnonymizeClosedBeforeAsync"/> until none is left, then
/// batches of <see cref="IOutboxPruner.PruneAsync"/> up to the lowest checkpoint of the registered subscribers.
/// </summary>
internal sealed class RetentionJob : IRetentionJob
{
    private readonly IComplainantAnonymizer _store;
    private readonly OutboxCleanup? _outbox;
    private readonly RetentionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;

    public RetentionJob(IComplainantAnonymizer store, IOptions<GrievanceWorkflowOptions> options, TimeProvider time, ILogger? logger, OutboxCleanup? outbox = null)
        => (_store, _options, _time, _logger, _outbox) = (store, options.Value.Retention, time, logger, outbox);

    public async ValueTask<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var cutoff = now - _options.ContactRetention;
        var anonymized = await InBatchesAsync(limit => _store.AnonymizeClosedBeforeAsync(cutoff, limit, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (_logger is not null)
        {
            Log.Anonymized(_logger, anonymized, cutoff);
        }

        var pruned = 0;
        if (_outbox is { } outbox)
        {
            // Checkpoints only move forward, so the lowest one read now stays safe while the batches run.
            var upTo = long.MaxValue;
            foreach (var subscriber in outbox.Subscribers)
            {
                upTo = Math.Min(upTo, await outbox.Store.GetCheckpointAsync(subscriber, cancellationToken).ConfigureAwait(false));
            }

            var recordedBefore = now - _options.OutboxRetention;
            pruned = await InBatchesAsync(limit => outbox.Pruner.PruneAsync(upTo, recordedBefore, limit, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (_logger is not null)
            {
                Log.OutboxPruned(_logger, pruned, upTo, recordedBefore);
            }
        }

        return new RetentionResult(cutoff, anonymized, pruned);
    }

    private async ValueTask<int> InBatchesAsync(Func<int, ValueTask<int>> batch, CancellationToken cancellationToken)
    {
        var total = 0;
        int done;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            done = await batch(_options.BatchSize).ConfigureAwait(false);
            total += done;
        }
        while (done == _options.BatchSize);

        return total;
    }

    /// <summary>The outbox to prune and the names of the subscribers whose checkpoints bound it.</summary>
    internal sealed class OutboxCleanup
    {
        private OutboxCleanup(IOutboxStore store, IOutboxPruner pruner, string[] subscribers) => (Store, Pruner, Subscribers) = (store, pruner, subscribers);

        /// <summary>Gets the outbox, for the checkpoints.</summary>
        public IOutboxStore Store { get; }

        /// <summary>Gets the same outbox, for pruning.</summary>
        public IOutboxPruner Pruner { get; }

        /// <summary>Gets the names of the subscribers whose checkpoints bound the pruning.</summary>
        public string[] Subscribers { get; }

        /// <summary>Gets the cleanup, or <see langword="null"/> when there is no subscriber to go by or the outbox cannot prune.</summary>
        /// <param name="configured">The names set in <see cref="RetentionOptions.OutboxSubscribers"/>; when any, they win.</param>
        /// <param name="registered">The subscribers registered in the container.</param>
        /// <param name="outbox">Resolves the outbox; only called when there are subscribers (which need one anyway).</param>
        public static OutboxCleanup? For(IEnumerable<string> configured, IEnumerable<IGrievanceEventSubscriber> registered, Func<IOutboxStore> outbox)
        {
            var names = configured.Distinct(StringComparer.Ordinal).ToArray();
            if (names.Length == 0)
            {
                names = registered.Select(s => s.Name).Distinct(StringComparer.Ordinal).ToArray();
            }

            if (names.Length == 0)
            {
                return null;
            }

            var store = outbox();
            return store is IOutboxPruner pruner ? new OutboxCleanup(store, pruner, names) : null;
        }
    }
}
