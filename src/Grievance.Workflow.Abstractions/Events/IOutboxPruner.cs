using System;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Events;

/// <summary>An outbox that can forget events once every subscriber has been delivered them, so that it does not grow forever.</summary>
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
}
