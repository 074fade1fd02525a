using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Events;

/// <summary>
/// An outbox that can forget events once every subscriber has been delivered them, so that it does not grow forever, and forget
/// the subscribers that were retired.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe and never reuse a pruned position: positions keep growing, and a reader asking for events
/// after a pruned position gets the first ones still kept.
/// </remarks>
public interface IOutboxPruner
{
    /// <summary>
    /// Deletes, oldest first and in one atomic write, up to <paramref name="limit"/> events at or before
    /// <paramref name="upToPosition"/> that were recorded before <paramref name="recordedBefore"/>, with their delivery records.
    /// Checkpoints are kept.
    /// </summary>
    /// <param name="upToPosition">The last position that may go: the lowest checkpoint of every subscriber that reads this outbox.</param>
    /// <param name="recordedBefore">Only events that occurred before this instant go.</param>
    /// <param name="limit">At most this many, 1 or more.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many events were deleted.</returns>
    ValueTask<int> PruneAsync(long upToPosition, DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Lists every handler that has been delivered events, with its checkpoint: how far behind each one is, and which ones were retired.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The checkpoints, in ordinal order of the handlers' names.</returns>
    ValueTask<IReadOnlyList<OutboxCheckpoint>> GetCheckpointsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Forgets a retired handler, in one atomic write: its checkpoint and its delivery records. Events are not touched; a handler
    /// of that name that starts later is delivered the outbox from its first kept event.
    /// </summary>
    /// <param name="handler">The handler's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the handler had a checkpoint; <see langword="false"/> when there was nothing to forget.</returns>
    /// <exception cref="ArgumentException"><paramref name="handler"/> is empty or white space.</exception>
    ValueTask<bool> ForgetHandlerAsync(string handler, CancellationToken cancellationToken);
}
