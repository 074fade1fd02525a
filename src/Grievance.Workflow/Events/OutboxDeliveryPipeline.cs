using System;
using System.Threading.Tasks;
using Grievance.Workflow.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Grievance.Workflow.Events;

/// <summary>
/// The default delivery pipeline of one subscriber, from <see cref="OutboxOptions"/>: a Polly retry (exponential back-off from
/// <see cref="OutboxOptions.InitialBackoff"/> to <see cref="OutboxOptions.MaxBackoff"/>, jittered unless
/// <see cref="OutboxOptions.UseJitter"/> is off, <see cref="OutboxOptions.MaxAttempts"/> attempts in all) around a per-attempt
/// timeout (<see cref="OutboxOptions.AttemptTimeout"/>). Each retry is logged (event 1009) with the wait before it.
/// </summary>
internal static class OutboxDeliveryPipeline
{
    /// <summary>The property a delivery carries its message under, for the retry's log line.</summary>
    public static readonly ResiliencePropertyKey<OutboxMessage> Message = new("Grievance.Workflow.OutboxMessage");

    public static ResiliencePipeline Create(string subscriber, OutboxOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { Name = "Grievance.Workflow.Outbox", InstanceName = subscriber, TimeProvider = time };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.InitialBackoff,
                MaxDelay = options.MaxBackoff,

                // Everything a subscriber throws is retried, except the caller's own cancellation.
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is { } ex && !(ex is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(Message, out var message) && args.Outcome.Exception is { } ex)
                    {
                        var e = message.Event;
                        Log.DeliveryFailed(logger, ex, subscriber, message.Position, e.Type, e.GrievanceId, args.AttemptNumber + 1, options.MaxAttempts, args.RetryDelay);
                    }

                    return default;
                },
            });
        }

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }
}
