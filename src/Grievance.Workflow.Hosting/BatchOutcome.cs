namespace Grievance.Workflow.Hosting;

/// <summary>What one batch of a background job did: how many items it handled and whether it was full.</summary>
/// <param name="Items">Items handled: due timers examined, events delivered, records anonymized or pruned.</param>
/// <param name="HasMore">Whether the batch was full, so more may be waiting.</param>
internal readonly record struct BatchOutcome(int Items, bool HasMore);
