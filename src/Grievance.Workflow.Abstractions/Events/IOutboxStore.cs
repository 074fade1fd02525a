using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Events;

/// <summary>
/// The store's side of the transactional outbox: the events it recorded with each change, in position order, and each handler's
/// delivery checkpoint.
/// </summary>
/// <remarks>Implementations must be thread-safe. A store that records events must implement this too, or they are never delivered.</remarks>
public interface IOutboxStore
{
    /// <summary>Reads events after a position, in position order.</summary>
    /// <param name="afterPosition">The last position already seen; 0 for the start.</param>
    /// <param name="limit">At most this many, 1 or more.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The messages.</returns>
    ValueTask<IReadOnlyList<OutboxMessage>> ReadAsync(long afterPosition, int limit, CancellationToken cancellationToken);

    /// <summary>Reads a handler's checkpoint: the position of the last event it has been delivered.</summary>
    /// <param name="handler">The handler's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The position, or 0 when nothing was delivered yet.</returns>
    ValueTask<long> GetCheckpointAsync(string handler, CancellationToken cancellationToken);

    /// <summary>
    /// Records, in one atomic write, that a handler was delivered a run of events, and moves its checkpoint to the last of them.
    /// </summary>
    /// <param name="handler">The handler's name.</param>
    /// <param name="deliveries">The deliveries, 1 or more, in strictly ascending position order, the first after the handler's checkpoint and the last an event in the outbox.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when recorded.</returns>
    /// <exception cref="ArgumentException">The deliveries are empty, out of order, behind the checkpoint, or past the outbox's end; nothing is recorded.</exception>
    ValueTask RecordDeliveriesAsync(string handler, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken);
}
