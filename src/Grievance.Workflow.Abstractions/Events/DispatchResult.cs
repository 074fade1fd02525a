namespace Grievance.Workflow.Events;

/// <summary>What one dispatch did.</summary>
/// <param name="Delivered">Deliveries made (an event to a handler).</param>
/// <param name="Retries">Failed attempts that were retried.</param>
/// <param name="StalledHandlers">Handlers that still failed after the last retry; they resume from the same event next time.</param>
/// <param name="HasMore">Whether a handler filled its batch, so more may be waiting.</param>
public readonly record struct DispatchResult(int Delivered, int Retries, int StalledHandlers, bool HasMore)
{
    /// <summary>Gets the handlers left alone because another dispatcher holds their lease (see <see cref="IOutboxLeases"/>).</summary>
    public int HandlersLeasedElsewhere { get; init; }
}
