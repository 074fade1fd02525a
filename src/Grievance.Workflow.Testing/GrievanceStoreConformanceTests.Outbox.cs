using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

// The outbox: atomic events, delivery, pruning, checkpoints.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>Events are recorded with their change, in position order, never with a refused change; checkpoints only move forward.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task The_outbox_records_events_atomically_with_the_change()
    {
        var outbox = Assert.IsAssignableFrom<IOutboxStore>(Store);
        var g = Minimal(GrievanceId.New(), "REF-O");
        await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null), null, [Event(g, 1, 0), Event(g, 1, 1)]), default);
        var v2 = Next(g, "reported");
        await Store.SaveAsync(new GrievanceChange(v2.Grievance, v2.Entry, [Event(v2.Grievance, 2, 0)]), default);
        var stale = Next(g, "stale");
        await Assert.ThrowsAsync<GrievanceConcurrencyException>(async () => await Store.SaveAsync(new GrievanceChange(stale.Grievance, stale.Entry, [Event(stale.Grievance, 2, 0)]), default));

        var messages = await outbox.ReadAsync(0, 100, default);
        var page = await outbox.ReadAsync(messages[0].Position, 1, default);

        Assert.Equal(new[] { (1L, 0), (1L, 1), (2L, 0) }, messages.Select(m => (m.Event.Sequence, m.Event.Index)));
        Assert.True(messages.Zip(messages.Skip(1)).All(p => p.Second.Position > p.First.Position));
        Assert.Equal(messages[0].Event, Event(g, 1, 0));
        Assert.Equal(messages[1], Assert.Single(page));
        Assert.Equal(0, await outbox.GetCheckpointAsync("sms", default));
        await outbox.RecordDeliveriesAsync("sms", [new OutboxDelivery(messages[0].Position, 1, Start), new OutboxDelivery(messages[1].Position, 2, Start)], default);
        Assert.Equal(messages[1].Position, await outbox.GetCheckpointAsync("sms", default));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await outbox.RecordDeliveriesAsync("sms", [new OutboxDelivery(messages[0].Position, 1, Start)], default));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await outbox.RecordDeliveriesAsync("sms", [new OutboxDelivery(messages[2].Position + 1000, 1, Start)], default));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await outbox.RecordDeliveriesAsync("sms", Array.Empty<OutboxDelivery>(), default));
        Assert.Equal(messages[1].Position, await outbox.GetCheckpointAsync("sms", default));
        await outbox.RecordDeliveriesAsync("sms", [new OutboxDelivery(messages[2].Position, 1, Start)], default);
        Assert.Equal(messages[2].Position, await outbox.GetCheckpointAsync("sms", default));
    }

    /// <summary>
    /// A dispatcher that dies between a delivery and its record loses nothing: a fresh dispatcher resumes from the checkpoint and
    /// every event arrives at least once, in order.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task No_event_is_lost_when_a_dispatcher_dies_mid_batch()
    {
        var outbox = Assert.IsAssignableFrom<IOutboxStore>(Store);
        var (workflow, _, provider) = Engine(Store);
        await using (provider.ConfigureAwait(false))
        {
            for (var i = 0; i < 4; i++)
            {
                await workflow.RegisterAsync(new RegisterGrievance(Agent, Channel.Web, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"), new Complainant("c"), "x"));
            }

            var all = await outbox.ReadAsync(0, 100, default);
            Assert.Equal(8, all.Count);
            var received = new List<long>();
            using var dying = new System.Threading.CancellationTokenSource();
            var options = Microsoft.Extensions.Options.Options.Create(new GrievanceWorkflowOptions());
            options.Value.Outbox.CheckpointEvery = 2; // the first two are recorded together; the third is delivered when the process dies
            var first = new RecordingSubscriber("sms", all, received, stopAfter: all[2].Position, dying);

            var clock = new ManualClock(Start);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await new OutboxDispatcher(outbox, [first], options, clock).DispatchAsync(100, dying.Token));
            Assert.Equal(all[1].Position, await outbox.GetCheckpointAsync("sms", default));
            var next = new OutboxDispatcher(outbox, [new RecordingSubscriber("sms", all, received, stopAfter: null, null)], options, clock);
            if (Store is IOutboxLeases)
            {
                // The dead dispatcher's lease holds the subscriber until it runs out; then the next one takes over by itself.
                clock.Advance(options.Value.Outbox.LeaseDuration - TimeSpan.FromSeconds(1));
                var waiting = await next.DispatchAsync(100);
                Assert.Equal((0, 1), (waiting.Delivered, waiting.HandlersLeasedElsewhere));
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            var resumed = await next.DispatchAsync(100);

            Assert.Equal(6, resumed.Delivered);
            Assert.Equal(all.Take(3).Select(m => m.Position).Concat(all.Skip(2).Select(m => m.Position)), received);
            Assert.Equal(all[^1].Position, await outbox.GetCheckpointAsync("sms", default));
        }
    }

    /// <summary>
    /// Pruning deletes delivered events oldest first, up to the first that must stay (not delivered to every subscriber, or too
    /// recent), at most the limit at a time; checkpoints stay, readers skip what is gone, and a position is never used twice.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task The_outbox_forgets_delivered_events_oldest_first_and_never_reuses_a_position()
    {
        var outbox = Assert.IsAssignableFrom<IOutboxStore>(Store);
        var pruner = Assert.IsAssignableFrom<IOutboxPruner>(Store);
        var (workflow, clock, provider) = Engine(Store);
        await using (provider.ConfigureAwait(false))
        {
            for (var day = 0; day < 3; day++)
            {
                await workflow.RegisterAsync(new RegisterGrievance(Agent, Channel.Web, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"), new Complainant("c"), "x"));
                clock.Advance(TimeSpan.FromDays(1));
            }

            var all = await outbox.ReadAsync(0, 100, default);
            Assert.Equal(6, all.Count); // registered and routed, one grievance a day
            await outbox.RecordDeliveriesAsync("sms", all.Take(4).Select(m => new OutboxDelivery(m.Position, 1, Start)).ToList(), default);
            await outbox.RecordDeliveriesAsync("audit", all.Select(m => new OutboxDelivery(m.Position, 1, Start)).ToList(), default);
            var upTo = Math.Min(await outbox.GetCheckpointAsync("sms", default), await outbox.GetCheckpointAsync("audit", default));
            Assert.Equal(all[3].Position, upTo);

            Assert.Equal(2, await pruner.PruneAsync(upTo, Start.AddDays(1), 100, default)); // the second day's events are too recent
            Assert.Equal(all.Skip(2).Select(m => m.Position), (await outbox.ReadAsync(0, 100, default)).Select(m => m.Position));
            Assert.Equal(1, await pruner.PruneAsync(upTo, Start.AddDays(30), 1, default));
            Assert.Equal(1, await pruner.PruneAsync(upTo, Start.AddDays(30), 100, default)); // "sms" has not been delivered the fifth
            Assert.Equal(0, await pruner.PruneAsync(upTo, Start.AddDays(30), 100, default));

            Assert.Equal(all.Skip(4), await outbox.ReadAsync(0, 100, default));
            Assert.Equal(all.Skip(4), await outbox.ReadAsync(all[1].Position, 100, default));
            Assert.Equal(all[3].Position, await outbox.GetCheckpointAsync("sms", default));
            Assert.Equal(all[5].Position, await outbox.GetCheckpointAsync("audit", default));

            await outbox.RecordDeliveriesAsync("sms", all.Skip(4).Select(m => new OutboxDelivery(m.Position, 1, Start)).ToList(), default);
            Assert.Equal(2, await pruner.PruneAsync(all[5].Position, Start.AddDays(30), 100, default));
            Assert.Empty(await outbox.ReadAsync(0, 100, default));
            await workflow.RegisterAsync(new RegisterGrievance(Agent, Channel.Web, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"), new Complainant("c"), "x"));
            var later = await outbox.ReadAsync(0, 100, default);
            Assert.Equal(2, later.Count);
            Assert.All(later, m => Assert.True(m.Position > all[5].Position, $"position {m.Position} was used before"));
            await outbox.RecordDeliveriesAsync("sms", later.Select(m => new OutboxDelivery(m.Position, 1, Start)).ToList(), default);
            Assert.Equal(later[^1].Position, await outbox.GetCheckpointAsync("sms", default));
        }
    }

    /// <summary>
    /// Every handler's checkpoint is listed in ordinal order of its name; forgetting a retired handler removes its checkpoint (once),
    /// leaves the events and the other handlers as they were, and a handler of that name starts again from the first kept event.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_retired_handler_is_forgotten_and_the_others_keep_their_checkpoints()
    {
        var outbox = Assert.IsAssignableFrom<IOutboxStore>(Store);
        var pruner = Assert.IsAssignableFrom<IOutboxPruner>(Store);
        var (workflow, _, provider) = Engine(Store);
        await using (provider.ConfigureAwait(false))
        {
            await workflow.RegisterAsync(new RegisterGrievance(Agent, Channel.Web, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"), new Complainant("c"), "x"));
            var all = await outbox.ReadAsync(0, 100, default);
            Assert.Empty(await pruner.GetCheckpointsAsync(default));
            await outbox.RecordDeliveriesAsync("sms", all.Take(1).Select(m => new OutboxDelivery(m.Position, 1, Start)).ToList(), default);
            await outbox.RecordDeliveriesAsync("Audit", all.Select(m => new OutboxDelivery(m.Position, 1, Start)).ToList(), default);
            await outbox.RecordDeliveriesAsync("audit", all.Take(1).Select(m => new OutboxDelivery(m.Position, 3, Start)).ToList(), default);
            Assert.Equal(
                new[] { new OutboxCheckpoint("Audit", all[1].Position), new OutboxCheckpoint("audit", all[0].Position), new OutboxCheckpoint("sms", all[0].Position) },
                await pruner.GetCheckpointsAsync(default));

            Assert.True(await pruner.ForgetHandlerAsync("audit", default));
            Assert.False(await pruner.ForgetHandlerAsync("audit", default));
            Assert.False(await pruner.ForgetHandlerAsync("never-ran", default));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await pruner.ForgetHandlerAsync(" ", default));

            Assert.Equal(
                new[] { new OutboxCheckpoint("Audit", all[1].Position), new OutboxCheckpoint("sms", all[0].Position) },
                await pruner.GetCheckpointsAsync(default));
            Assert.Equal(0, await outbox.GetCheckpointAsync("audit", default));
            Assert.Equal(all, await outbox.ReadAsync(0, 100, default));
            await outbox.RecordDeliveriesAsync("audit", all.Select(m => new OutboxDelivery(m.Position, 1, Start)).ToList(), default);
            Assert.Equal(all[1].Position, await outbox.GetCheckpointAsync("audit", default));
        }
    }

    /// <summary>
    /// The retention job deletes only what every subscriber — registered in its container, or named in the options when they run
    /// elsewhere — has been delivered and is older than the outbox retention, and deletes nothing with no subscriber to go by.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task The_retention_job_prunes_only_events_every_registered_subscriber_was_delivered()
    {
        var outbox = Assert.IsAssignableFrom<IOutboxStore>(Store);
        var received = new List<long>();
        // The store belongs to whichever container disposes first, so both live to the end of the test.
        var (_, _, bare) = Engine(Store);
        var (_, namedClock, named) = Engine(Store, build: b => b.Services.Configure<GrievanceWorkflowOptions>(o =>
        {
            o.Retention.OutboxSubscribers.Add("sms");
            o.Retention.OutboxSubscribers.Add("audit");
        }));
        var (workflow, clock, provider) = Engine(Store, build: b =>
        {
            b.Services.AddSingleton<IGrievanceEventSubscriber>(new RecordingSubscriber("sms", [], received, stopAfter: null, dying: null));
            b.Services.AddSingleton<IGrievanceEventSubscriber>(new RecordingSubscriber("audit", [], received, stopAfter: null, dying: null));
        });
        await using (bare.ConfigureAwait(false))
        await using (named.ConfigureAwait(false))
        await using (provider.ConfigureAwait(false))
        {
            for (var day = 0; day < 3; day++)
            {
                await workflow.RegisterAsync(new RegisterGrievance(Agent, Channel.Web, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"), new Complainant("c"), "x"));
                clock.Advance(TimeSpan.FromDays(1));
            }

            var all = await outbox.ReadAsync(0, 100, default);
            await outbox.RecordDeliveriesAsync("sms", all.Select(m => new OutboxDelivery(m.Position, 1, Start)).ToList(), default);
            await outbox.RecordDeliveriesAsync("audit", all.Take(4).Select(m => new OutboxDelivery(m.Position, 1, Start)).ToList(), default);
            clock.AdvanceTo(Start.AddDays(30).AddHours(12)); // the outbox retention (30 days) has passed for the first day's events only

            var nobodySubscribed = await bare.GetRequiredService<IRetentionJob>().RunAsync(default);
            var first = await provider.GetRequiredService<IRetentionJob>().RunAsync(default);
            namedClock.AdvanceTo(Start.AddDays(40));
            var second = await named.GetRequiredService<IRetentionJob>().RunAsync(default);

            Assert.Equal(0, nobodySubscribed.EventsPruned); // another process may read the outbox
            Assert.Equal(2, first.EventsPruned);
            Assert.Equal(2, second.EventsPruned); // by the names in the options, up to "audit"'s checkpoint, never past it
            Assert.Equal(all.Skip(4), await outbox.ReadAsync(0, 100, default));
        }
    }


    private sealed class RecordingSubscriber(string name, IReadOnlyList<OutboxMessage> all, List<long> received, long? stopAfter, System.Threading.CancellationTokenSource? dying) : IGrievanceEventSubscriber
    {
        public string Name { get; } = name;

        public ValueTask HandleAsync(GrievanceEvent grievanceEvent, System.Threading.CancellationToken cancellationToken)
        {
            var position = all.Single(m => m.Event == grievanceEvent).Position;
            received.Add(position);
            if (position == stopAfter)
            {
                dying!.Cancel(); // the process dies after the side effect, before the delivery is recorded
            }

            return default;
        }
    }
}
