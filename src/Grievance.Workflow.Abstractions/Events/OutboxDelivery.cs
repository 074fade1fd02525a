using System;

namespace Grievance.Workflow.Events;

/// <summary>One event delivered to one handler.</summary>
/// <param name="Position">The event's outbox position.</param>
/// <param name="Attempts">How many attempts it took, 1 or more.</param>
/// <param name="DeliveredAt">When the handler took it.</param>
public readonly record struct OutboxDelivery(long Position, int Attempts, DateTimeOffset DeliveredAt);
