using FluentAssertions;
using Grievance.Workflow.Events;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Polly;

namespace Grievance.Workflow.Tests.Events;

/// <summary>Deliveries run through Polly: back-off with jitter, a timeout per attempt, and a subscriber's own pipeline from the registry.</summary>
public sealed class OutboxResilienceTests
{
    [Fact]
    public async Task A_subscriber_that_hangs_is_cut_off_at_the_attempt_timeout_and_the_next_attempt_delivers()
    {
        var gateway = new Gateway("sms", hangFirst: 1);
        using var seed = new Seed(
            o => (o.Outbox.AttemptTimeout, o.Outbox.InitialBackoff, o.Outbox.UseJitter) = (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), false),
            b => b.Services.AddSingleton<IGrievanceEventSubscriber>(gateway));
        await seed.RegisterAsync();

        var result = await RunAsync(seed, TimeSpan.FromMilliseconds(500));

        result.Should().Be(new DispatchResult(Delivered: 2, Retries: 1, StalledHandlers: 0, HasMore: false));
        gateway.Attempts.Should().Be(3, "the first attempt hung until its 2-second timeout cancelled it; then both events went through");
        gateway.CancelledAttempts.Should().Be(1, "the hung attempt saw its token cancelled");
    }

    [Fact]
    public async Task Without_jitter_the_waits_double_from_the_initial_back_off_up_to_the_maximum_and_with_it_they_spread()
    {
        async Task<IReadOnlyList<TimeSpan>> WaitsAsync(bool jitter)
        {
            var gateway = new Gateway("sms", failFirst: 4);
            using var seed = new Seed(
                o => (o.Outbox.MaxAttempts, o.Outbox.InitialBackoff, o.Outbox.MaxBackoff, o.Outbox.UseJitter) = (5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), jitter),
                b => b.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddFakeLogging()).AddSingleton<IGrievanceEventSubscriber>(gateway));
            await seed.RegisterAsync();
            var logs = seed.Services.GetRequiredService<FakeLogCollector>();
            logs.Clear();

            await RunAsync(seed, TimeSpan.FromMilliseconds(250));

            return logs.GetSnapshot().Where(r => r.Id.Id == 1009).Select(r => TimeSpan.Parse(r.GetStructuredStateValue("Backoff")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }

        (await WaitsAsync(jitter: false)).Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));
        var jittered = await WaitsAsync(jitter: true);
        jittered.Should().HaveCount(4).And.OnlyContain(w => w > TimeSpan.Zero && w <= TimeSpan.FromSeconds(5));
        jittered.Should().NotEqual([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5)], "jitter spreads the waits");
    }

    [Fact]
    public async Task A_pipeline_registered_under_the_subscribers_key_replaces_the_default_for_that_subscriber_only()
    {
        var sms = new Gateway("sms", failFirst: 7);
        var email = new Gateway("email", failFirst: 7);
        using var seed = new Seed(
            o => (o.Outbox.MaxAttempts, o.Outbox.InitialBackoff) = (2, TimeSpan.Zero),
            b => b.Services.AddSingleton<IGrievanceEventSubscriber>(sms).AddSingleton<IGrievanceEventSubscriber>(email)
                .AddResiliencePipeline(OutboxDispatcher.PipelineKey("sms"), p => p.AddRetry(new() { MaxRetryAttempts = 9, Delay = TimeSpan.Zero })));
        await seed.RegisterAsync();

        var result = await RunAsync(seed, TimeSpan.FromMilliseconds(100));

        sms.Attempts.Should().Be(9, "its own pipeline: up to ten attempts, seven failures, then both events");
        email.Attempts.Should().Be(2, "the default pipeline: two attempts, then it stalls");
        result.Delivered.Should().Be(2);
        result.StalledHandlers.Should().Be(1);
    }

    [Fact]
    public void The_pipeline_key_is_the_outbox_prefix_and_the_subscriber_name()
    {
        OutboxDispatcher.PipelineKey("sms").Should().Be("Grievance.Workflow.Outbox/sms");
        var blank = () => OutboxDispatcher.PipelineKey(" ");
        blank.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(50)]
    [InlineData(3_600_001)]
    public void An_attempt_timeout_outside_100_ms_to_an_hour_fails_the_options_naming_it(int milliseconds)
    {
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow(o => o.Outbox.AttemptTimeout = TimeSpan.FromMilliseconds(milliseconds)).UseInMemoryStore();
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IGrievanceWorkflow>();

        resolve.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Outbox.AttemptTimeout*");
    }

    /// <summary>Dispatches on the seed's fake clock, moving it on while the dispatch waits (back-off and timeouts run on it).</summary>
    private static async Task<DispatchResult> RunAsync(Seed seed, TimeSpan step)
    {
        var dispatching = seed.Services.GetRequiredService<IOutboxDispatcher>().DispatchAsync(10).AsTask();
        while (!dispatching.IsCompleted)
        {
            seed.Clock.Advance(step);
            await Task.Delay(1);
        }

        return await dispatching;
    }

    private sealed class Gateway(string name, int failFirst = 0, int hangFirst = 0) : IGrievanceEventSubscriber
    {
        private int _attempts;
        private int _cancelled;

        public string Name => name;

        public int Attempts => Volatile.Read(ref _attempts);

        public int CancelledAttempts => Volatile.Read(ref _cancelled);

        public async ValueTask HandleAsync(GrievanceEvent grievanceEvent, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            if (attempt <= hangFirst)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref _cancelled);
                    throw;
                }
            }

            if (attempt <= failFirst)
            {
                throw new InvalidOperationException("SMS gateway timed out");
            }
        }
    }
}
