using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grievance.Workflow.Hosting.HealthChecks;

/// <summary>
/// Reports how long the oldest event that a subscriber has not been delivered has been waiting, for every subscriber registered in
/// the container or named in <c>Retention.OutboxSubscribers</c>; the data holds each one's lag in seconds.
/// </summary>
internal sealed class OutboxHealthCheck : IHealthCheck
{
    private readonly IOutboxStore _outbox;
    private readonly IReadOnlyCollection<string> _subscribers;
    private readonly LagLimits _limits;
    private readonly TimeProvider _time;

    public OutboxHealthCheck(IOutboxStore outbox, IReadOnlyCollection<string> subscribers, LagLimits limits, TimeProvider time)
        => (_outbox, _subscribers, _limits, _time) = (outbox, subscribers, limits, time);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_subscribers.Count == 0)
        {
            return HealthCheckResult.Healthy("No outbox subscriber is registered or named.");
        }

        try
        {
            var report = new LagReport(_time.GetUtcNow());
            foreach (var subscriber in _subscribers)
            {
                var checkpoint = await _outbox.GetCheckpointAsync(subscriber, cancellationToken).ConfigureAwait(false);
                var pending = await _outbox.ReadAsync(checkpoint, 1, cancellationToken).ConfigureAwait(false);
                report.Add(subscriber, pending.Count == 0 ? null : pending[0].Event.OccurredAt);
            }

            return report.ToResult(
                _limits,
                context.Registration.FailureStatus,
                $"Every subscriber ({_subscribers.Count}) is up to date.",
                static (subscriber, lag) => $"Subscriber {subscriber} has had an event waiting for {lag:g}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The outbox could not be read.", ex);
        }
    }
}
