using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Events;

/// <summary>Delivers the outbox's events to every registered <see cref="IGrievanceEventSubscriber"/>. The host calls it on a timer.</summary>
/// <remarks>Thread-safe; run one dispatcher per process (several processes may each run one: handlers see events at least once).</remarks>
public interface IOutboxDispatcher
{
    /// <summary>Delivers up to <paramref name="batchSize"/> events to each handler, in order, retrying failures with back-off.</summary>
    /// <param name="batchSize">At most this many events per handler, 1 or more.</param>
    /// <param name="cancellationToken">Cancels between deliveries.</param>
    /// <returns>What was delivered.</returns>
    ValueTask<DispatchResult> DispatchAsync(int batchSize, CancellationToken cancellationToken = default);
}
