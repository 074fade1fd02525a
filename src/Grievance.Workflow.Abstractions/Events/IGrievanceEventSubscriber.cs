using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Events;

/// <summary>
/// Receives the workflow's domain events from the outbox (an outbox "handler"): the host's SMS gateway, e-mail, webhook, search index… Delivery is at
/// least once and in order (per grievance and overall) for each handler, so a handler must tolerate seeing an event again.
/// </summary>
/// <remarks>Implementations must be thread-safe. Throwing makes the dispatcher retry the same event with back-off.</remarks>
public interface IGrievanceEventSubscriber
{
    /// <summary>Gets the handler's stable name: its delivery checkpoint is kept under it.</summary>
    string Name { get; }

    /// <summary>Handles one event.</summary>
    /// <param name="grievanceEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when handled.</returns>
    ValueTask HandleAsync(GrievanceEvent grievanceEvent, CancellationToken cancellationToken);
}
