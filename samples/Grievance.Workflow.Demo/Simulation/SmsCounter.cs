using System.Collections.Concurrent;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Demo.Simulation;

/// <summary>
/// Stands in for the desk's SMS gateway: subscribed to the outbox, it "sends" the complainant an SMS when a complaint is registered
/// (with its reference number) and when it is closed, and counts them — by outcome for closures.
/// </summary>
public sealed class SmsCounter : IGrievanceEventSubscriber
{
    private readonly ConcurrentDictionary<GrievanceOutcome, int> _closed = new();
    private int _registered;
    private int _seen;

    /// <inheritdoc />
    public string Name => "sms";

    /// <summary>Gets how many "complaint registered" SMS were sent.</summary>
    public int Registered => Volatile.Read(ref _registered);

    /// <summary>Gets how many events the outbox delivered (whether or not they made an SMS).</summary>
    public int EventsSeen => Volatile.Read(ref _seen);

    /// <summary>Gets the "complaint closed" SMS sent, by outcome.</summary>
    public IReadOnlyDictionary<GrievanceOutcome, int> Closed => _closed;

    /// <inheritdoc />
    public ValueTask HandleAsync(GrievanceEvent grievanceEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grievanceEvent);
        Interlocked.Increment(ref _seen);
        switch (grievanceEvent.Type)
        {
            case GrievanceEventType.Registered:
                Interlocked.Increment(ref _registered);
                break;
            case GrievanceEventType.Closed:
                _closed.AddOrUpdate(grievanceEvent.Outcome, 1, (_, n) => n + 1);
                break;
        }

        return default;
    }
}
