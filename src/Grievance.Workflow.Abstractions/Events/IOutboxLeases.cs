using System;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Events;

/// <summary>
/// Optional beside <see cref="IOutboxStore"/>, for stores that several nodes share: a lease per handler, so that the dispatcher can
/// run on every node while one at a time delivers each handler's events, and another takes over by itself when the holder stops
/// renewing (a crash, a partition, a shutdown). Without it, dispatchers on several nodes all deliver every event (at least once
/// still holds, but each handler sees events once per node).
/// </summary>
/// <remarks>
/// Implementations must be thread-safe and must never let two holders hold one handler's lease at once by their own clocks: keep
/// lease durations well above the clock skew between nodes.
/// </remarks>
public interface IOutboxLeases
{
    /// <summary>Takes or renews a handler's lease: granted when nobody holds it, when it expired, or when the holder is <paramref name="holder"/>.</summary>
    /// <param name="handler">The handler's name.</param>
    /// <param name="holder">Who asks: a name unique to the dispatcher (node and instance), at most <see cref="GrievanceLimits.MaxIdentifierLength"/> characters.</param>
    /// <param name="now">The present, by the holder's clock.</param>
    /// <param name="heldUntil">When the lease expires unless renewed, after <paramref name="now"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when <paramref name="holder"/> holds the lease until <paramref name="heldUntil"/>.</returns>
    ValueTask<bool> TryAcquireLeaseAsync(string handler, string holder, DateTimeOffset now, DateTimeOffset heldUntil, CancellationToken cancellationToken);

    /// <summary>Gives up a handler's lease when <paramref name="holder"/> holds it, so another may take it at once.</summary>
    /// <param name="handler">The handler's name.</param>
    /// <param name="holder">Who holds it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when released.</returns>
    ValueTask ReleaseLeaseAsync(string handler, string holder, CancellationToken cancellationToken);
}
