namespace Grievance.Workflow.Events;

/// <summary>An event in a store's outbox, at its position: positions only grow, and a reader that has seen position p never later finds a smaller one.</summary>
/// <param name="Position">The outbox position, from 1.</param>
/// <param name="Event">The event.</param>
public sealed record OutboxMessage(long Position, GrievanceEvent Event);
