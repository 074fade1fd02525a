using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace Grievance.Workflow.Events;

/// <summary>
/// The default outbox dispatcher. For each subscriber it reads the events after the subscriber's checkpoint, delivers them one by
/// one in position order, and records deliveries (moving the checkpoint) only after the subscriber returned, up to
/// <see cref="OutboxOptions.CheckpointEvery"/> in one store write: so delivery is at least once and in order, and nothing is lost if the process dies between a commit and a delivery — the next dispatcher starts
/// from the checkpoint. Each delivery runs through a Polly resilience pipeline: by default a retry with jittered exponential
/// back-off around a per-attempt timeout (<see cref="OutboxOptions"/>); a host replaces a subscriber's pipeline by registering one
/// under <see cref="PipelineKey"/> in Polly's registry (<c>services.AddResiliencePipeline(OutboxDispatcher.PipelineKey("sms"), …)</c>,
/// Polly.Extensions). A subscriber that still fails is left at that event until the next dispatch, while the other subscribers go on. Every attempt is counted (<see cref="GrievanceTelemetry.OutboxAttempts"/>);
/// a failed one is logged as a warning (event 1009) and a stall as an error (event 1010), with the subscriber's exception as it
/// threw it — keep personal data out of your subscribers' exception messages. With a store that implements
/// <see cref="IOutboxLeases"/>, a subscriber is served only while this dispatcher holds its lease (taken at each dispatch, renewed
/// before each checkpoint, <see cref="OutboxOptions.LeaseDuration"/> long), so dispatchers may run on every node: one delivers
/// each subscriber's events, and when it stops another takes over from the checkpoint once the lease ran out.
/// </summary>
/// <remarks>Thread-safe, but run one dispatch at a time per process.</remarks>
public sealed class OutboxDispatcher : IOutboxDispatcher
{
    private readonly IOutboxStore _store;
    private readonly IGrievanceEventSubscriber[] _subscribers;
    private readonly TimeProvider _time;
    private readonly OutboxOptions _options;
    private readonly ILogger _logger;
    private readonly WorkflowInstruments _instruments;
    private readonly IOutboxLeases? _leases;
    private readonly Dictionary<string, ResiliencePipeline> _pipelines;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="store">The outbox.</param>
    /// <param name="subscribers">The subscribers; names must be unique.</param>
    /// <param name="options">The workflow options; <see cref="GrievanceWorkflowOptions.Outbox"/> is used.</param>
    /// <param name="time">The clock for back-off waits and delivery times.</param>
    /// <param name="loggerFactory">Where failed deliveries are logged, in the category <see cref="GrievanceTelemetry.Name"/>; none when <see langword="null"/>.</param>
    /// <param name="meterFactory">Makes the meter the attempts are counted on; a meter of its own when <see langword="null"/>.</param>
    /// <param name="pipelines">Polly's pipeline registry: a pipeline registered under a subscriber's <see cref="PipelineKey"/> replaces the default one; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Two subscribers share a name.</exception>
    public OutboxDispatcher(
        IOutboxStore store,
        IEnumerable<IGrievanceEventSubscriber> subscribers,
        IOptions<GrievanceWorkflowOptions> options,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null,
        ResiliencePipelineProvider<string>? pipelines = null)
        : this(store, subscribers, options, time, loggerFactory?.CreateLogger(GrievanceTelemetry.Name), new WorkflowInstruments(meterFactory), pipelines)
    {
    }

    /// <summary>Creates the dispatcher on the container's shared instruments.</summary>
    internal OutboxDispatcher(IOutboxStore store, IEnumerable<IGrievanceEventSubscriber> subscribers, IOptions<GrievanceWorkflowOptions> options, TimeProvider time, ILogger? logger, WorkflowInstruments instruments, ResiliencePipelineProvider<string>? pipelines)
    {
        _logger = logger ?? NullLogger.Instance;
        _instruments = instruments;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _leases = store as IOutboxLeases;
        Holder = $"dispatcher/{Environment.ProcessId}/{Guid.NewGuid():N}";
        _subscribers = subscribers?.ToArray() ?? throw new ArgumentNullException(nameof(subscribers));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value.Outbox;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        var duplicate = _subscribers.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two event subscribers are named '{duplicate.Key}'; each needs its own name for its checkpoint.", nameof(subscribers));
        }

        _pipelines = _subscribers.ToDictionary(
            s => s.Name,
            s => pipelines is not null && pipelines.TryGetPipeline(PipelineKey(s.Name), out var registered) ? registered : OutboxDeliveryPipeline.Create(s.Name, _options, _time, _logger),
            StringComparer.Ordinal);
    }

    /// <summary>The key a host registers a subscriber's own delivery pipeline under in Polly's registry: <c>Grievance.Workflow.Outbox/</c> and the subscriber's name.</summary>
    /// <param name="subscriber">The subscriber's <see cref="IGrievanceEventSubscriber.Name"/>.</param>
    /// <returns>The key.</returns>
    public static string PipelineKey(string subscriber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriber);
        return "Grievance.Workflow.Outbox/" + subscriber;
    }

    /// <summary>Gets the name this dispatcher holds subscribers' leases under: unique to the instance.</summary>
    public string Holder { get; }

    /// <inheritdoc />
    public async ValueTask<DispatchResult> DispatchAsync(int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var result = new DispatchResult();
        foreach (var subscriber in _subscribers)
        {
            if (!await HoldsLeaseAsync(subscriber, cancellationToken).ConfigureAwait(false))
            {
                result = result with { HandlersLeasedElsewhere = result.HandlersLeasedElsewhere + 1 };
                continue;
            }

            var checkpoint = await _store.GetCheckpointAsync(subscriber.Name, cancellationToken).ConfigureAwait(false);
            var messages = await _store.ReadAsync(checkpoint, batchSize, cancellationToken).ConfigureAwait(false);
            result = result with { HasMore = result.HasMore || messages.Count == batchSize };
            var delivered = new List<OutboxDelivery>(Math.Min(messages.Count, _options.CheckpointEvery));
            foreach (var message in messages)
            {
                var attempts = await DeliverAsync(subscriber, message, cancellationToken).ConfigureAwait(false);
                if (attempts < 0)
                {
                    result = result with { Retries = result.Retries + _options.MaxAttempts - 1, StalledHandlers = result.StalledHandlers + 1 };
                    break;
                }

                delivered.Add(new OutboxDelivery(message.Position, attempts, _time.GetUtcNow()));
                result = result with { Delivered = result.Delivered + 1, Retries = result.Retries + attempts - 1 };
                if (delivered.Count == _options.CheckpointEvery)
                {
                    if (!await RecordAsync(subscriber, delivered, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    delivered.Clear();
                }
            }

            if (delivered.Count > 0)
            {
                await RecordAsync(subscriber, delivered, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    /// <summary>Gives up every lease this dispatcher holds, so that another node takes over at once (on shutdown).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when released.</returns>
    public async ValueTask ReleaseLeasesAsync(CancellationToken cancellationToken = default)
    {
        if (_leases is null)
        {
            return;
        }

        foreach (var subscriber in _subscribers)
        {
            await _leases.ReleaseLeaseAsync(subscriber.Name, Holder, cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask<bool> HoldsLeaseAsync(IGrievanceEventSubscriber subscriber, CancellationToken cancellationToken)
    {
        if (_leases is null)
        {
            return new(true);
        }

        var now = _time.GetUtcNow();
        return _leases.TryAcquireLeaseAsync(subscriber.Name, Holder, now, now + _options.LeaseDuration, cancellationToken);
    }

    /// <summary>
    /// Records deliveries when the lease is still this dispatcher's (renewing it). When another holds it now, nothing is recorded and
    /// the new holder delivers the same events again: at least once holds, and two dispatchers never move one checkpoint.
    /// </summary>
    private async ValueTask<bool> RecordAsync(IGrievanceEventSubscriber subscriber, List<OutboxDelivery> delivered, CancellationToken cancellationToken)
    {
        if (!await HoldsLeaseAsync(subscriber, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await _store.RecordDeliveriesAsync(subscriber.Name, delivered, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Delivers one message through the subscriber's pipeline. Returns the attempts it took, or -1 when the pipeline gave up.</summary>
    private async ValueTask<int> DeliverAsync(IGrievanceEventSubscriber subscriber, OutboxMessage message, CancellationToken cancellationToken)
    {
        var attempt = new Attempt(subscriber, message.Event, _instruments);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(OutboxDeliveryPipeline.Message, message);
            var outcome = await _pipelines[subscriber.Name].ExecuteOutcomeAsync(
                static async (context, attempt) =>
                {
                    try
                    {
                        await attempt.RunAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
                        return Outcome.FromResult(true);
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<bool>(ex);
                    }
                },
                context,
                attempt).ConfigureAwait(false);
            if (outcome.Exception is null)
            {
                return attempt.Count;
            }

            if (outcome.Exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            Log.DeliveryStalled(_logger, outcome.Exception, subscriber.Name, message.Position, message.Event.Type, message.Event.GrievanceId, attempt.Count);
            return -1;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One message's attempts on one subscriber: each runs the subscriber, counts the attempt and records its result.</summary>
    private sealed class Attempt(IGrievanceEventSubscriber subscriber, GrievanceEvent e, WorkflowInstruments instruments)
    {
        public int Count { get; private set; }

        public async ValueTask RunAsync(CancellationToken cancellationToken)
        {
            Count++;
            try
            {
                await subscriber.HandleAsync(e, cancellationToken).ConfigureAwait(false);
                instruments.DeliveryAttempted(subscriber.Name, delivered: true);
            }
            catch
            {
                instruments.DeliveryAttempted(subscriber.Name, delivered: false);
                throw;
            }
        }
    }
}
