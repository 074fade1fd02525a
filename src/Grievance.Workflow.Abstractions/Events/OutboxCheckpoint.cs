namespace Grievance.Workflow.Events;

/// <summary>How far one handler has been delivered the outbox's events.</summary>
/// <param name="Handler">The handler's name.</param>
/// <param name="Position">The position of the last event it has been delivered.</param>
public readonly record struct OutboxCheckpoint(string Handler, long Position);
