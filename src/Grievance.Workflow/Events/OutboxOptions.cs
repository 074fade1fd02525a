using System;

namespace Grievance.Workflow.Events;

/// <summary>Options of the outbox dispatcher (<see cref="OutboxDispatcher"/>).</summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class OutboxOptions
{
    /// <summary>Gets or sets how many times one event is tried on one subscriber in a dispatch before the subscriber is left stalled until the next dispatch.</summary>
    /// <value>The default is 5. From 1 to 100.</value>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Gets or sets how many successful deliveries the dispatcher records together, in one store write. A dispatcher that dies
    /// delivers the unrecorded ones again (delivery is at least once either way); 1 records each delivery before the next.
    /// </summary>
    /// <value>The default is 100. From 1 to 10,000.</value>
    public int CheckpointEvery { get; set; } = 100;

    /// <summary>
    /// Gets or sets the wait before the first retry; each further retry waits about twice as long (exponential back-off, with
    /// jitter unless <see cref="UseJitter"/> is off), up to <see cref="MaxBackoff"/>.
    /// </summary>
    /// <value>The default is 200 milliseconds. From zero to <see cref="MaxBackoff"/>.</value>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the longest wait between retries.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets whether the back-off waits are spread at random around their exponential values (Polly's decorrelated jitter),
    /// so that many dispatchers retrying one failed gateway do not all call it again at the same moment.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Gets or sets how long one delivery attempt may take: a subscriber still running then is cancelled (its token fires) and
    /// the attempt counts as failed, so one hung gateway call cannot hold up the dispatcher for ever.
    /// </summary>
    /// <value>The default is 30 seconds. From 100 milliseconds to 1 hour.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long a dispatcher holds a subscriber's lease (with a store that implements <see cref="IOutboxLeases"/>):
    /// renewed at every dispatch and before every checkpoint, taken over by another node's dispatcher once it ran out.
    /// </summary>
    /// <value>The default is 30 seconds. From 1 second to 10 minutes; keep it well above the clock skew between nodes and above the dispatch interval.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
}
