using System.Collections.Concurrent;
using FluentAssertions;
using Grievance.Workflow.Events;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Telemetry;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Grievance.Workflow.Tests.Events;

public sealed class OutboxTests
{
    [Fact]
    public async Task Every_accepted_command_records_its_domain_events_in_the_outbox()
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();
        g = await seed.FeedbackAsync(await seed.ReportAsync(g), FeedbackResponse.Dissatisfied);
        g = await seed.FeedbackAsync(await seed.ReportAsync(g), FeedbackResponse.Dissatisfied);
        g = await seed.FeedbackAsync(await seed.ReportAsync(g, Seed.OfficerL2), FeedbackResponse.Satisfied);

        var outbox = await seed.Services.GetRequiredService<IOutboxStore>().ReadAsync(0, 100, default);

        outbox.Select(m => m.Position).Should().Equal(Enumerable.Range(1, outbox.Count).Select(i => (long)i));
        outbox.Select(m => (m.Event.Sequence, m.Event.Type)).Should().Equal(
            (1L, GrievanceEventType.Registered), (1L, GrievanceEventType.Routed),
            (2L, GrievanceEventType.ActionReported),
            (3L, GrievanceEventType.FeedbackRecorded), (3L, GrievanceEventType.Reopened),
            (4L, GrievanceEventType.ActionReported),
            (5L, GrievanceEventType.FeedbackRecorded), (5L, GrievanceEventType.Escalated),
            (6L, GrievanceEventType.ActionReported),
            (7L, GrievanceEventType.FeedbackRecorded), (7L, GrievanceEventType.Closed));
        outbox[^1].Event.Should().BeEquivalentTo(new { Outcome = GrievanceOutcome.Resolved, Level = 2, ReferenceNumber = g.ReferenceNumber, Index = 1 });
    }

    [Fact]
    public async Task Each_outbox_event_carries_the_grievance_as_its_command_left_it()
    {
        // Deadlines, levels, officers and departments change along the way; every event must show the values of its own command.
        using var seed = new Seed();
        var registered = await seed.Workflow.RegisterAsync(Seed.Complaint());
        var results = new List<CommandResult> { registered };
        async Task<GrievanceSnapshot> Run(GrievanceCommand command)
        {
            seed.Clock.Advance(TimeSpan.FromHours(7));
            var result = await seed.Workflow.ExecuteAsync(command);
            results.Add(result);
            return result.Grievance;
        }

        var g = registered.Grievance;
        await Run(new ReportAction(g.Id, Seed.OfficerL1, "Bill corrected."));
        await Run(new RecordFeedback(g.Id, Seed.Agent, FeedbackResponse.Dissatisfied, "Still wrong."));
        await Run(new ReportAction(g.Id, Seed.OfficerL1, "Bill corrected again."));
        await Run(new RecordFeedback(g.Id, Seed.Agent, FeedbackResponse.Dissatisfied, "Still wrong."));
        await Run(new TransferGrievance(g.Id, Seed.Admin, Seed.Revenue, "Land records, not billing."));
        await Run(new ReportAction(g.Id, Seed.RevenueOfficer, "Mutation entered."));
        var closed = await Run(new RecordFeedback(g.Id, Seed.Agent, FeedbackResponse.Satisfied));

        var outbox = await seed.Services.GetRequiredService<IOutboxStore>().ReadAsync(0, 100, default);

        closed.Status.Should().Be(GrievanceStatus.Closed);
        results.Select(r => r.Grievance.Officer).Distinct().Should().HaveCount(3, "L1, L2 and the new department's officer each held it");
        outbox.Select(m => m.Event.Sequence).Distinct().Should().Equal(results.Select(r => r.Entry.Sequence));
        foreach (var message in outbox)
        {
            var result = results.Single(r => r.Entry.Sequence == message.Event.Sequence);
            var after = result.Grievance;
            message.Event.Should().BeEquivalentTo(new
            {
                GrievanceId = after.Id,
                after.ReferenceNumber,
                after.Channel,
                after.Status,
                after.Outcome,
                after.Level,
                after.Department,
                after.Officer,
                DueAt = after.DueAt?.ToUniversalTime(),
                OccurredAt = result.Entry.OccurredAt.ToUniversalTime(),
            }, $"event {message.Event.Index} of command {message.Event.Sequence} ({result.Entry.Action})");
        }
    }

    [Fact]
    public async Task A_refused_command_records_no_event()
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();
        var outbox = seed.Services.GetRequiredService<IOutboxStore>();
        var before = (await outbox.ReadAsync(0, 100, default)).Count;

        await seed.Workflow.TryExecuteAsync(new RecordFeedback(g.Id, Seed.Agent, FeedbackResponse.Satisfied));
        await seed.Workflow.TryExecuteAsync(new AddNote(g.Id, Seed.Agent, "stale") { ExpectedVersion = 7 });

        (await outbox.ReadAsync(0, 100, default)).Should().HaveCount(before);
    }

    [Fact]
    public async Task The_dispatcher_delivers_every_event_in_order_to_each_subscriber_once_and_records_its_checkpoint()
    {
        var sms = new Recorder("sms");
        var webhook = new Recorder("webhook");
        using var seed = new Seed(build: b => b.Services.AddSingleton<IGrievanceEventSubscriber>(sms).AddSingleton<IGrievanceEventSubscriber>(webhook));
        for (var i = 0; i < 5; i++)
        {
            await seed.ReportAsync(await seed.RegisterAsync());
        }

        var dispatcher = seed.Services.GetRequiredService<IOutboxDispatcher>();
        var first = await dispatcher.DispatchAsync(100);
        var second = await dispatcher.DispatchAsync(100);

        first.Should().Be(new DispatchResult(Delivered: 30, Retries: 0, StalledHandlers: 0, HasMore: false));
        second.Delivered.Should().Be(0);
        var positionOf = await PositionsOf(seed.Services.GetRequiredService<IOutboxStore>());
        sms.Events.Select(positionOf).Should().Equal(Enumerable.Range(1, 15).Select(i => (long)i));
        webhook.Events.Should().Equal(sms.Events);
        (await seed.Services.GetRequiredService<IOutboxStore>().GetCheckpointAsync("sms", default)).Should().Be(15);
    }

    [Fact]
    public async Task A_failing_subscriber_is_retried_with_back_off_and_a_stalled_one_holds_up_no_other()
    {
        var flaky = new Recorder("flaky", failFirst: 2);
        var broken = new Recorder("broken", failFirst: int.MaxValue);
        var healthy = new Recorder("healthy");
        using var seed = new Seed(
            o => (o.Outbox.MaxAttempts, o.Outbox.InitialBackoff, o.Outbox.MaxBackoff) = (3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)),
            b => b.Services.AddSingleton<IGrievanceEventSubscriber>(flaky).AddSingleton<IGrievanceEventSubscriber>(broken).AddSingleton<IGrievanceEventSubscriber>(healthy));
        await seed.RegisterAsync();
        var dispatcher = new OutboxDispatcher(
            seed.Services.GetRequiredService<IOutboxStore>(), [flaky, broken, healthy],
            seed.Services.GetRequiredService<IOptions<GrievanceWorkflowOptions>>(), TimeProvider.System);

        var result = await dispatcher.DispatchAsync(10);

        result.Delivered.Should().Be(4, "flaky and healthy each got both events");
        result.StalledHandlers.Should().Be(1);
        flaky.Attempts.Should().Be(4, "two failures, then two successes");
        broken.Attempts.Should().Be(3, "three attempts on the first event, then it waits for the next dispatch");
        healthy.Events.Select(await PositionsOf(seed.Services.GetRequiredService<IOutboxStore>())).Should().Equal(1, 2);
        (await seed.Services.GetRequiredService<IOutboxStore>().GetCheckpointAsync("broken", default)).Should().Be(0);
    }

    [Fact]
    public async Task Every_delivery_attempt_is_counted_and_a_failing_subscriber_is_logged_with_its_exception_and_no_personal_data()
    {
        var broken = new Recorder("broken", failFirst: int.MaxValue);
        var healthy = new Recorder("healthy");
        using var seed = new Seed(
            o => (o.Outbox.MaxAttempts, o.Outbox.InitialBackoff) = (2, TimeSpan.FromSeconds(5)),
            b => b.Services.AddMetrics().AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddFakeLogging())
                .AddSingleton<IGrievanceEventSubscriber>(broken).AddSingleton<IGrievanceEventSubscriber>(healthy));
        var registered = await seed.RegisterAsync();
        using var attempts = new MetricCollector<long>(seed.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), GrievanceTelemetry.Name, GrievanceTelemetry.OutboxAttempts);
        var logs = seed.Services.GetRequiredService<FakeLogCollector>();
        logs.Clear();

        var dispatching = seed.Services.GetRequiredService<IOutboxDispatcher>().DispatchAsync(10).AsTask();
        while (!dispatching.IsCompleted)
        {
            seed.Clock.Advance(TimeSpan.FromSeconds(5)); // the back-off waits on the container's clock
            await Task.Delay(1);
        }

        (await dispatching).Should().Be(new DispatchResult(Delivered: 2, Retries: 1, StalledHandlers: 1, HasMore: false));
        long Count(string handler, string result) => attempts.GetMeasurementSnapshot()
            .Where(m => m.Tags[GrievanceTelemetry.HandlerTag] as string == handler && m.Tags[GrievanceTelemetry.ResultTag] as string == result)
            .Sum(m => m.Value);
        Count("healthy", "delivered").Should().Be(2, "the registration and routing events");
        Count("broken", "failed").Should().Be(2, "two attempts on the first event, then it stalls there");
        Count("broken", "delivered").Should().Be(0);

        var records = logs.GetSnapshot();
        var failed = records.Should().ContainSingle(r => r.Id.Id == 1009).Subject;
        failed.Level.Should().Be(LogLevel.Warning);
        failed.Exception.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("SMS gateway timed out");
        failed.GetStructuredStateValue("Handler").Should().Be("broken");
        failed.GetStructuredStateValue("Position").Should().Be("1");
        failed.GetStructuredStateValue("EventType").Should().Be(nameof(GrievanceEventType.Registered));
        failed.GetStructuredStateValue("GrievanceId").Should().Be(registered.Id.ToString());
        failed.GetStructuredStateValue("Attempt").Should().Be("1");
        var stalled = records.Should().ContainSingle(r => r.Id.Id == 1010).Subject;
        stalled.Level.Should().Be(LogLevel.Error);
        stalled.Exception.Should().NotBeNull();
        stalled.GetStructuredStateValue("Attempts").Should().Be("2");
        records.Select(r => r.Message).Should().NotContain(m => m.Contains("Ram Prasad") || m.Contains("9800000042") || m.Contains("Hazratganj"));
    }

    [Theory]
    [InlineData(1, 2)] // each delivery recorded before the next: only the third is delivered twice
    [InlineData(2, 2)] // the first two recorded together
    [InlineData(100, 0)] // nothing recorded yet: all three are delivered again
    public async Task An_event_is_never_lost_when_a_dispatcher_dies_mid_batch_a_fresh_one_resumes_from_the_checkpoint(int checkpointEvery, long checkpointAtDeath)
    {
        var store = new InMemoryGrievanceStore();
        using var seed = new Seed(o => o.Outbox.CheckpointEvery = checkpointEvery, b => b.UseStore(_ => store));
        for (var i = 0; i < 4; i++)
        {
            await seed.RegisterAsync();
        }

        var positionOf = await PositionsOf(store);
        var received = new ConcurrentQueue<long>();
        using var dying = new CancellationTokenSource();
        var firstProcess = new Recorder("sms", onHandled: e =>
        {
            var position = positionOf(e);
            received.Enqueue(position);
            if (position == 3)
            {
                dying.Cancel(); // the process dies after the SMS went out but before the delivery was recorded
            }
        });
        var options = seed.Services.GetRequiredService<IOptions<GrievanceWorkflowOptions>>();

        var clock = new FakeTimeProvider(seed.Clock.GetUtcNow());
        var crash = async () => await new OutboxDispatcher(store, [firstProcess], options, clock).DispatchAsync(100, dying.Token);
        await crash.Should().ThrowAsync<OperationCanceledException>();
        (await store.GetCheckpointAsync("sms", default)).Should().Be(checkpointAtDeath);

        var secondProcess = new Recorder("sms", onHandled: e => received.Enqueue(positionOf(e)));
        var next = new OutboxDispatcher(store, [secondProcess], options, clock);
        clock.Advance(options.Value.Outbox.LeaseDuration - TimeSpan.FromTicks(1));
        (await next.DispatchAsync(100)).Should().Be(new DispatchResult(0, 0, 0, false) { HandlersLeasedElsewhere = 1 }, "the dead dispatcher's lease still holds");
        clock.Advance(TimeSpan.FromTicks(1));
        var resumed = await next.DispatchAsync(100);

        resumed.Delivered.Should().Be(8 - (int)checkpointAtDeath);
        received.Should().Equal(new long[] { 1, 2, 3 }.Concat(Enumerable.Range((int)checkpointAtDeath + 1, 8 - (int)checkpointAtDeath).Select(i => (long)i)));
        received.Distinct().Should().Equal(Enumerable.Range(1, 8).Select(i => (long)i), "every event arrives at least once, in order");
        (await store.GetCheckpointAsync("sms", default)).Should().Be(8);
    }

    [Fact]
    public void Two_subscribers_with_one_name_are_refused()
    {
        var act = () => new OutboxDispatcher(new InMemoryGrievanceStore(), [new Recorder("sms"), new Recorder("sms")], Options.Create(new GrievanceWorkflowOptions()), TimeProvider.System);

        act.Should().Throw<ArgumentException>().WithMessage("Two event subscribers are named 'sms'*");
    }

    private static async Task<Func<GrievanceEvent, long>> PositionsOf(IOutboxStore store)
    {
        var all = await store.ReadAsync(0, 10_000, default);
        var byKey = all.ToDictionary(m => (m.Event.GrievanceId, m.Event.Sequence, m.Event.Index), m => m.Position);
        return e => byKey[(e.GrievanceId, e.Sequence, e.Index)];
    }

    private sealed class Recorder(string name, int failFirst = 0, Action<GrievanceEvent>? onHandled = null) : IGrievanceEventSubscriber
    {
        private int _failures;

        public string Name { get; } = name;

        public List<GrievanceEvent> Events { get; } = new();

        public int Attempts { get; private set; }

        public ValueTask HandleAsync(GrievanceEvent grievanceEvent, CancellationToken cancellationToken)
        {
            Attempts++;
            if (_failures < failFirst)
            {
                _failures++;
                throw new InvalidOperationException("SMS gateway timed out");
            }

            Events.Add(grievanceEvent);
            onHandled?.Invoke(grievanceEvent);
            return default;
        }
    }
}
