using System;
using System.Collections.Generic;

namespace Grievance.Workflow.Events;

/// <summary>The rules every <see cref="IOutboxStore.RecordDeliveriesAsync"/> applies, for store authors to call.</summary>
public static class OutboxDeliveries
{
    /// <summary>Checks a run of deliveries against a handler's checkpoint and the outbox's last position.</summary>
    /// <param name="handler">The handler's name.</param>
    /// <param name="deliveries">The deliveries.</param>
    /// <param name="checkpoint">The handler's checkpoint now.</param>
    /// <param name="lastPosition">The last position in the outbox.</param>
    /// <exception cref="ArgumentException">The run is empty, out of order, behind the checkpoint, past the end, or an attempt count is below 1.</exception>
    public static void Validate(string handler, IReadOnlyList<OutboxDelivery> deliveries, long checkpoint, long lastPosition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
        {
            throw new ArgumentException($"Handler '{handler}': no delivery to record.", nameof(deliveries));
        }

        var previous = checkpoint;
        foreach (var delivery in deliveries)
        {
            if (delivery.Position <= previous || delivery.Position > lastPosition || delivery.Attempts < 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(deliveries),
                    delivery.Position,
                    $"Handler '{handler}' is at position {checkpoint}; deliveries must move it forward in ascending order, to at most {lastPosition}, each after 1 or more attempts (position {delivery.Position} after {previous}, {delivery.Attempts} attempts).");
            }

            previous = delivery.Position;
        }
    }
}
