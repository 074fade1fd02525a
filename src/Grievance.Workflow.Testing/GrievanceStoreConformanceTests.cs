using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.DependencyInjection;
using Grievance.Workflow.Events;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

/// <summary>
/// The conformance suite every <see cref="IGrievanceStore"/> must pass. Subclass it in an xunit test project and return a fresh,
/// empty store from <see cref="CreateStoreAsync"/>; every test here then runs against it. The store must also implement
/// <see cref="IOutboxStore"/>, <see cref="IOutboxPruner"/>, <see cref="IDueWorkQuery"/>, <see cref="IGrievanceQuery"/>, <see cref="IGrievanceStatistics"/> and
/// <see cref="IComplainantAnonymizer"/>: the scorecard test compares its figures with ones computed by hand, so every store reports
/// the same numbers.
/// </summary>
/// <remarks>Each test gets its own store. Stores that are <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/> are disposed after it.</remarks>
public abstract class GrievanceStoreConformanceTests : IAsyncLifetime
{
    /// <summary>A Monday, 04:30 UTC: the kit's clocks start here.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 11, 2, 4, 30, 0, TimeSpan.Zero);

    private static readonly Actor Agent = Actor.HelplineAgent("agent-7");
    private static readonly Actor OfficerL1 = Actor.Officer(new OfficerId("uppcl-l1"), new DepartmentId("uppcl"), 1);
    private static readonly Actor OfficerL2 = Actor.Officer(new OfficerId("uppcl-l2"), new DepartmentId("uppcl"), 2);

    private IGrievanceStore? _store;

    /// <summary>Gets the store under test.</summary>
    protected IGrievanceStore Store => _store ?? throw new InvalidOperationException("The store is made in InitializeAsync.");

    /// <summary>Makes a fresh, empty store for one test.</summary>
    /// <returns>The store.</returns>
    protected abstract ValueTask<IGrievanceStore> CreateStoreAsync();

    /// <inheritdoc />
    public async Task InitializeAsync() => _store = await CreateStoreAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        switch (_store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>Every field of a grievance, its first history entry and its contact details read back as written, Unicode and 4,000-character text included.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_grievance_reads_back_field_for_field()
    {
        var (grievance, entry, contact) = FullyPopulated();

        await Store.CreateAsync(new GrievanceCreation(grievance, entry, contact), default);

        Assert.Equal(grievance, await Store.FindAsync(grievance.Id, default));
        Assert.Equal(grievance, await Store.FindByReferenceAsync(grievance.ReferenceNumber, default));
        Assert.Equal(new[] { entry }, await Store.GetHistoryAsync(grievance.Id, default));
        Assert.Equal(contact, await Store.GetContactDetailsAsync(grievance.Id, default));
        Assert.Equal(entry, await Store.FindByCommandIdAsync(entry.CommandId!.Value, default));
    }

    /// <summary>Optional fields left empty read back empty.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Optional_fields_left_empty_read_back_empty()
    {
        var grievance = Minimal(GrievanceId.New(), "REF-MIN-1");
        var entry = FirstEntry(grievance, commandId: null);

        await Store.CreateAsync(new GrievanceCreation(grievance, entry, contact: null), default);

        Assert.Equal(grievance, await Store.FindAsync(grievance.Id, default));
        Assert.Equal(new[] { entry }, await Store.GetHistoryAsync(grievance.Id, default));
        Assert.Null(await Store.GetContactDetailsAsync(grievance.Id, default));
        Assert.Null(await Store.FindAsync(GrievanceId.New(), default));
        Assert.Null(await Store.FindByReferenceAsync(new ReferenceNumber("NO-SUCH-REF"), default));
        Assert.Empty(await Store.GetHistoryAsync(GrievanceId.New(), default));
    }

    /// <summary>A taken id, reference number or command id is refused with a typed error, and nothing of the refused grievance is stored.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_taken_id_reference_number_or_command_id_is_refused_and_nothing_is_stored()
    {
        var first = Minimal(GrievanceId.New(), "REF-1");
        await Store.CreateAsync(new GrievanceCreation(first, FirstEntry(first, new CommandId("cmd-1")), null), default);

        var sameReference = Minimal(GrievanceId.New(), "REF-1");
        var sameId = Minimal(first.Id, "REF-2") with { };
        var sameCommand = Minimal(GrievanceId.New(), "REF-3");

        var e1 = await Assert.ThrowsAsync<DuplicateGrievanceException>(async () => await Store.CreateAsync(new GrievanceCreation(sameReference, FirstEntry(sameReference, null), null), default));
        var e2 = await Assert.ThrowsAsync<DuplicateGrievanceException>(async () => await Store.CreateAsync(new GrievanceCreation(sameId, FirstEntry(sameId, null), null), default));
        var e3 = await Assert.ThrowsAsync<DuplicateGrievanceException>(async () => await Store.CreateAsync(new GrievanceCreation(sameCommand, FirstEntry(sameCommand, new CommandId("cmd-1")), null), default));

        Assert.Equal(DuplicateKind.ReferenceNumber, e1.Conflict);
        Assert.Equal(DuplicateKind.GrievanceId, e2.Conflict);
        Assert.Equal(DuplicateKind.CommandId, e3.Conflict);
        Assert.Null(await Store.FindAsync(sameReference.Id, default));
        Assert.Null(await Store.FindAsync(sameCommand.Id, default));
        Assert.Null(await Store.FindByReferenceAsync(new ReferenceNumber("REF-3"), default));
        Assert.Equal(first, await Store.FindByReferenceAsync(new ReferenceNumber("REF-1"), default));
    }

    /// <summary>A save at the expected version lands with its entry; a stale one is a typed conflict naming both versions and stores nothing.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Saves_check_the_expected_version_and_a_stale_one_stores_nothing()
    {
        var g = Minimal(GrievanceId.New(), "REF-V");
        await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null), null), default);
        var v2 = Next(g, "second");
        await Store.SaveAsync(v2, default);

        var stale = Next(g, "stale");
        var conflict = await Assert.ThrowsAsync<GrievanceConcurrencyException>(async () => await Store.SaveAsync(stale, default));
        var missing = Minimal(GrievanceId.New(), "REF-NONE");
        await Assert.ThrowsAsync<GrievanceNotFoundException>(async () => await Store.SaveAsync(Next(missing, "x"), default));

        Assert.Equal((1L, 2L), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal(v2.Grievance, await Store.FindAsync(g.Id, default));
        Assert.Equal(new[] { "first", "second" }, (await Store.GetHistoryAsync(g.Id, default)).Select(e => e.Text));
    }

    /// <summary>A command id used again is a typed conflict naming the first use, and nothing is stored.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_reused_command_id_is_a_typed_conflict_and_stores_nothing()
    {
        var g = Minimal(GrievanceId.New(), "REF-C");
        await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null), null), default);
        var v2 = Next(g, "note", new CommandId("ticket-9"));
        await Store.SaveAsync(v2, default);

        var again = Next(v2.Grievance, "note again", new CommandId("ticket-9"));
        var conflict = await Assert.ThrowsAsync<CommandIdConflictException>(async () => await Store.SaveAsync(again, default));

        Assert.Equal(g.Id, conflict.FirstGrievanceId);
        Assert.Equal(2, (await Store.FindAsync(g.Id, default))!.Version);
        Assert.Equal(v2.Entry, await Store.FindByCommandIdAsync(new CommandId("ticket-9"), default));
    }

    /// <summary>64 writers racing on one grievance: exactly one wins each version, and every writer's entry is in the history once.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Sixty_four_parallel_writers_get_exactly_one_winner_per_version_and_lose_no_entry()
    {
        var g = Minimal(GrievanceId.New(), "REF-P");
        await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null), null), default);
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, 64).Select(writer => Task.Run(async () =>
        {
            while (true)
            {
                var current = (await Store.FindAsync(g.Id, default))!;
                try
                {
                    await Store.SaveAsync(Next(current, $"writer {writer}"), default);
                    return;
                }
                catch (GrievanceConcurrencyException)
                {
                    System.Threading.Interlocked.Increment(ref conflicts);
                }
            }
        })));

        var history = await Store.GetHistoryAsync(g.Id, default);
        Assert.Equal(65, (await Store.FindAsync(g.Id, default))!.Version);
        Assert.Equal(Enumerable.Range(1, 65).Select(i => (long)i), history.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"writer {i}").OrderBy(t => t, StringComparer.Ordinal), history.Skip(1).Select(e => e.Text!).OrderBy(t => t, StringComparer.Ordinal));
    }

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

            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await new OutboxDispatcher(outbox, [first], options, TimeProvider.System).DispatchAsync(100, dying.Token));
            Assert.Equal(all[1].Position, await outbox.GetCheckpointAsync("sms", default));
            var resumed = await new OutboxDispatcher(outbox, [new RecordingSubscriber("sms", all, received, stopAfter: null, null)], options, TimeProvider.System).DispatchAsync(100);

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

    /// <summary>Grievances are listed by status, department, officer and level, oldest first, and keyset pages neither skip nor repeat while others are written.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Grievances_are_listed_by_status_department_and_officer_with_stable_keyset_paging()
    {
        var query = Assert.IsAssignableFrom<IGrievanceQuery>(Store);
        var statuses = new[] { GrievanceStatus.Registered, GrievanceStatus.PendingWithOfficer, GrievanceStatus.AwaitingFeedback };
        var all = new List<GrievanceSnapshot>();
        for (var i = 0; i < 30; i++)
        {
            var g = Minimal(GrievanceId.New(), $"REF-Q{i}") with
            {
                Status = statuses[i % 3],
                Department = new DepartmentId(i % 2 == 0 ? "uppcl" : "revenue"),
                Officer = new OfficerId($"officer-{i % 4}"),
                Level = 1 + (i % 2),
                RegisteredAt = Start.AddMinutes(i / 2), // pairs share a registration time: the id breaks the tie
            };
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null) with { ToStatus = g.Status }, null), default);
            all.Add(g);
        }

        var pending = await query.FindAsync(new GrievanceFilter { Status = GrievanceStatus.PendingWithOfficer }, 100, null, default);
        var uppclOfficer0 = await query.FindAsync(new GrievanceFilter { Department = new DepartmentId("uppcl"), Officer = new OfficerId("officer-0") }, 100, null, default);
        var level2Awaiting = await query.FindAsync(new GrievanceFilter { Level = 2, Status = GrievanceStatus.AwaitingFeedback }, 100, null, default);

        static IEnumerable<GrievanceId> Ordered(IEnumerable<GrievanceSnapshot> list) => list.OrderBy(g => g.RegisteredAt).ThenBy(g => g.Id.Value).Select(g => g.Id);
        Assert.Equal(Ordered(all.Where(g => g.Status == GrievanceStatus.PendingWithOfficer)), pending.Select(g => g.Id));
        Assert.Equal(Ordered(all.Where(g => g.Department!.Value.Value == "uppcl" && g.Officer!.Value.Value == "officer-0")), uppclOfficer0.Select(g => g.Id));
        Assert.Equal(Ordered(all.Where(g => g.Level == 2 && g.Status == GrievanceStatus.AwaitingFeedback)), level2Awaiting.Select(g => g.Id));

        var paged = new List<GrievanceSnapshot>();
        GrievancePageCursor? cursor = null;
        while (true)
        {
            var page = await query.FindAsync(GrievanceFilter.All, 7, cursor, default);
            paged.AddRange(page);
            if (page.Count < 7)
            {
                break;
            }

            cursor = GrievancePageCursor.After(page[^1]);
            await Store.SaveAsync(Next(all[paged.Count % all.Count], "written while paging"), default); // a concurrent write
            all[paged.Count % all.Count] = (await Store.FindAsync(all[paged.Count % all.Count].Id, default))!;
        }

        Assert.Equal(Ordered(all), paged.Select(g => g.Id));
    }

    /// <summary>The due-work query finds due timers only, in due order, with keyset paging that neither skips nor repeats.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Due_work_is_found_in_due_order_with_stable_keyset_paging()
    {
        var query = Assert.IsAssignableFrom<IDueWorkQuery>(Store);
        var due = new List<GrievanceId>();
        for (var i = 0; i < 12; i++)
        {
            var g = Minimal(GrievanceId.New(), $"REF-D{i}") with { Status = GrievanceStatus.PendingWithOfficer, DueAt = Start.AddHours(i % 4), TimerToken = i };
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null), null), default);
            due.Add(g.Id);
        }

        var notDue = Minimal(GrievanceId.New(), "REF-LATER") with { Status = GrievanceStatus.PendingWithOfficer, DueAt = Start.AddDays(3) };
        var flagged = Minimal(GrievanceId.New(), "REF-FLAGGED") with { Status = GrievanceStatus.PendingWithOfficer, DueAt = Start, IsOverdue = true };
        var feedback = Minimal(GrievanceId.New(), "REF-FB") with { Status = GrievanceStatus.AwaitingFeedback, FeedbackDueAt = Start.AddHours(1) };
        foreach (var g in new[] { notDue, flagged, feedback })
        {
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null), null), default);
        }

        var found = new List<DueWorkItem>();
        DueWorkItem? cursor = null;
        while (true)
        {
            var page = await query.FindDueAsync(DueWorkKind.OfficerDeadline, Start.AddDays(1), 5, cursor, default);
            found.AddRange(page);
            if (page.Count < 5)
            {
                break;
            }

            cursor = page[^1];
        }

        Assert.Equal(due.OrderBy(id => id.Value), found.Select(f => f.GrievanceId).OrderBy(id => id.Value));
        Assert.Equal(found.OrderBy(f => f.DueAt).ThenBy(f => f.GrievanceId.Value), found);
        Assert.All(found, f => Assert.Equal(1, f.Version));
        Assert.Equal(feedback.Id, Assert.Single(await query.FindDueAsync(DueWorkKind.FeedbackWindow, Start.AddDays(1), 10, null, default)).GrievanceId);
    }

    /// <summary>The seed's four stories run end to end through the real engine on the store, with idempotent replay.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task The_seed_lifecycles_run_through_the_engine_on_the_store()
    {
        var (workflow, clock, provider) = Engine(Store);
        await using (provider.ConfigureAwait(false))
        {
            var stories = new[]
            {
                (Feedback: new[] { FeedbackResponse.Satisfied }, Outcome: GrievanceOutcome.Resolved, Version: 3L),
                (Feedback: new[] { FeedbackResponse.Dissatisfied, FeedbackResponse.Satisfied }, Outcome: GrievanceOutcome.Resolved, Version: 5L),
                (Feedback: new[] { FeedbackResponse.Dissatisfied, FeedbackResponse.Dissatisfied, FeedbackResponse.Satisfied }, Outcome: GrievanceOutcome.Resolved, Version: 7L),
                (Feedback: new[] { FeedbackResponse.Dissatisfied, FeedbackResponse.Dissatisfied, FeedbackResponse.Dissatisfied }, Outcome: GrievanceOutcome.ClosedAtFinalLevel, Version: 7L),
            };
            foreach (var story in stories)
            {
                var register = new RegisterGrievance(Agent, Channel.Helpline1076, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"),
                    new Complainant("citizen-42", new ContactDetails("राम प्रसाद", "+91-9800000042")), "बिजली का बिल गलत है।") { CommandId = new CommandId($"ivr-{Guid.NewGuid():N}") };
                var g = (await workflow.RegisterAsync(register)).Grievance;
                Assert.True((await workflow.RegisterAsync(register)).IsReplay);
                foreach (var response in story.Feedback)
                {
                    clock.Advance(TimeSpan.FromDays(1));
                    var officer = g.Level == 1 ? OfficerL1 : OfficerL2;
                    g = (await workflow.ExecuteAsync(new ReportAction(g.Id, officer, $"Action at L{g.Level}.") { CommandId = new CommandId($"r-{g.Id}-{g.Version}") })).Grievance;
                    g = (await workflow.ExecuteAsync(new RecordFeedback(g.Id, Agent, response, response == FeedbackResponse.Dissatisfied ? "Still wrong." : null))).Grievance;
                }

                Assert.Equal(story.Outcome, g.Outcome);
                Assert.Equal(story.Version, g.Version);
                Assert.Equal(g, await Store.FindAsync(g.Id, default));
                var history = await workflow.GetHistoryAsync(g.Id);
                Assert.Equal(Enumerable.Range(1, (int)g.Version).Select(i => (long)i), history.Select(e => e.Sequence));
                Assert.True(history.Zip(history.Skip(1)).All(p => p.Second.FromStatus == p.First.ToStatus));
                Assert.Equal("राम प्रसाद", (await Store.GetContactDetailsAsync(g.Id, default))!.Name);
            }
        }
    }

    /// <summary>Two engines sweeping the same store at once act on each breach exactly once.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Two_engines_sweeping_one_store_escalate_each_breach_once()
    {
        var (a, clockA, providerA) = Engine(Store, escalateOnBreach: true);
        var (_, clockB, providerB) = Engine(Store, escalateOnBreach: true);
        await using (providerA.ConfigureAwait(false))
        await using (providerB.ConfigureAwait(false))
        {
            var ids = new List<GrievanceId>();
            for (var i = 0; i < 40; i++)
            {
                ids.Add((await a.RegisterAsync(new RegisterGrievance(Agent, Channel.Web, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"), new Complainant("c"), "x"))).Grievance.Id);
            }

            clockA.Advance(TimeSpan.FromDays(10));
            clockB.Advance(TimeSpan.FromDays(10));
            var sweepers = new[] { providerA.GetRequiredService<IGrievanceSweeper>(), providerB.GetRequiredService<IGrievanceSweeper>() };
            var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () => await sweepers[i % 2].SweepAsync(clockA.GetUtcNow(), 100))));

            Assert.Equal(40, results.Sum(r => r.Escalated));
            foreach (var id in ids)
            {
                Assert.Single(await Store.GetHistoryAsync(id, default), e => e.Action == GrievanceAction.SlaBreach);
            }
        }
    }

    /// <summary>
    /// The work queues filter by channel, category, district, registration dates and deadline, and order by registration, due time
    /// (overdue first) or disposal time, each with keyset paging; a cursor from another order is refused.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Work_queues_filter_by_channel_category_district_and_dates_in_each_order()
    {
        var query = Assert.IsAssignableFrom<IGrievanceQuery>(Store);
        var rows = new (string Ref, Channel Channel, string Category, string District, GrievanceStatus Status, int RegisteredMinute, int? DueHour, int? DisposedHour)[]
        {
            ("Q0", Channel.Helpline1076, "electricity", "Lucknow", GrievanceStatus.PendingWithOfficer, 0, 30, null),
            ("Q1", Channel.Helpline1076, "revenue", "Agra", GrievanceStatus.PendingWithOfficer, 1, 10, null),
            ("Q2", Channel.DmPortal, "electricity", "Agra", GrievanceStatus.PendingWithOfficer, 2, 20, null),
            ("Q3", Channel.Web, "electricity", "Lucknow", GrievanceStatus.PendingWithOfficer, 3, 10, null),
            ("Q4", Channel.TehsilDiwas, "revenue", "Lucknow", GrievanceStatus.AwaitingFeedback, 4, null, 5),
            ("Q5", Channel.Helpline1076, "electricity", "Agra", GrievanceStatus.AwaitingFeedback, 5, null, 2),
            ("Q6", Channel.Helpline1076, "electricity", "Lucknow", GrievanceStatus.AwaitingFeedback, 6, null, 2),
            ("Q7", Channel.Web, "revenue", "Agra", GrievanceStatus.Registered, 7, null, null),
            ("Q8", Channel.Helpline1076, "electricity", "Lucknow", GrievanceStatus.Registered, 8, null, null),
            ("Q9", Channel.CmOffice, "electricity", "Lucknow", GrievanceStatus.Closed, 9, null, 1),
        };
        var byRef = new Dictionary<string, GrievanceSnapshot>();
        foreach (var row in rows)
        {
            var g = Minimal(GrievanceId.New(), row.Ref) with
            {
                Channel = row.Channel,
                Category = new GrievanceCategory(row.Category),
                Location = new GrievanceLocation(row.District),
                Status = row.Status,
                Department = row.Status == GrievanceStatus.Registered ? null : new DepartmentId(row.Category == "revenue" ? "revenue" : "uppcl"),
                Officer = row.Status == GrievanceStatus.PendingWithOfficer ? new OfficerId(row.Category == "revenue" ? "revenue-l1" : "uppcl-l1") : null,
                RegisteredAt = Start.AddMinutes(row.RegisteredMinute),
                DueAt = row.DueHour is { } due ? Start.AddHours(due) : null,
                DisposedAt = row.DisposedHour is { } disposed ? Start.AddHours(disposed) : null,
            };
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null) with { ToStatus = g.Status }, null), default);
            byRef[row.Ref] = g;
        }

        async Task<string[]> Refs(GrievanceFilter filter, int pageSize = 2)
        {
            var found = new List<string>();
            GrievancePageCursor? cursor = null;
            while (true)
            {
                var page = await query.FindAsync(filter, pageSize, cursor, default);
                found.AddRange(page.Select(g => g.ReferenceNumber.Value));
                if (page.Count < pageSize)
                {
                    return found.ToArray();
                }

                cursor = GrievancePageCursor.After(page[^1], filter);
            }
        }

        Assert.Equal(new[] { "Q0", "Q1", "Q5", "Q6", "Q8" }, await Refs(new GrievanceFilter { Channel = Channel.Helpline1076 }));
        Assert.Equal(new[] { "Q1", "Q4", "Q7" }, await Refs(new GrievanceFilter { Category = "revenue" }));
        Assert.Equal(new[] { "Q1", "Q2", "Q5", "Q7" }, await Refs(new GrievanceFilter { District = "Agra" }));
        Assert.Equal(new[] { "Q3", "Q4", "Q5" }, await Refs(new GrievanceFilter { RegisteredFrom = Start.AddMinutes(3), RegisteredBefore = Start.AddMinutes(6) }));
        Assert.Equal(new[] { "Q5" }, await Refs(new GrievanceFilter { District = "Agra", Channel = Channel.Helpline1076, Category = "electricity" }));

        // Overdue first: earliest deadline first, the id breaking the tie between Q1 and Q3; no officer clock, not listed.
        var q1q3 = new[] { byRef["Q1"], byRef["Q3"] }.OrderBy(g => g.Id.Value).Select(g => g.ReferenceNumber.Value);
        Assert.Equal(q1q3.Concat(new[] { "Q2", "Q0" }), await Refs(new GrievanceFilter { Status = GrievanceStatus.PendingWithOfficer, Order = GrievanceOrder.DueTime }));
        Assert.Equal(q1q3.Concat(new[] { "Q2" }), await Refs(GrievanceFilter.Defaulters(Start.AddHours(25))));
        Assert.Equal(new[] { "Q3", "Q0" }, await Refs(GrievanceFilter.OfficerQueue(new OfficerId("uppcl-l1")) with { District = "Lucknow" }));
        Assert.Equal(new[] { "Q7", "Q8" }, await Refs(GrievanceFilter.Triage));

        // The outbound feedback list: longest-waiting first (Q5 and Q6 disposed together: the id decides), closed ones left out.
        var q5q6 = new[] { byRef["Q5"], byRef["Q6"] }.OrderBy(g => g.Id.Value).Select(g => g.ReferenceNumber.Value);
        Assert.Equal(q5q6.Concat(new[] { "Q4" }), await Refs(GrievanceFilter.AwaitingFeedbackCalls, pageSize: 1));

        var wrongOrder = GrievancePageCursor.After(byRef["Q0"]);
        await Assert.ThrowsAsync<ArgumentException>(async () => await query.FindAsync(GrievanceFilter.Defaulters(Start), 5, wrongOrder, default));
    }

    /// <summary>
    /// Scorecards per department, district, officer and channel equal figures computed by hand from a known set of eight lifecycles
    /// run through the engine (resolved, reopened, escalated and closed at the final level, unreachable, rejected, transferred and
    /// withdrawn, breached); non-resolved outcomes are never counted as resolved, and grievances outside the period are left out.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Scorecards_equal_hand_computed_figures_for_a_known_data_set()
    {
        var statistics = Assert.IsAssignableFrom<IGrievanceStatistics>(Store);
        var (workflow, clock, provider) = Engine(Store);
        await using (provider.ConfigureAwait(false))
        {
            await RunKnownDataSetAsync(workflow, clock, provider.GetRequiredService<IGrievanceSweeper>());
            var late = Start.AddDays(30);

            var departments = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Department, Start, Start.AddHours(1), late), default);
            Assert.Equal(
                new[]
                {
                    new GrievanceScorecard
                    {
                        Key = "revenue", Received = 4, Pending = 1, Defaulters = 1, Resolved = 1, Rejected = 1, Withdrawn = 1, DisposedWithinTime = 2,
                        TotalDisposalSeconds = 86_160 + 172_500 + 1_209_180, MedianDisposalSeconds = 172_500, SatisfiedFeedback = 1, Transfers = 1,
                    },
                    new GrievanceScorecard
                    {
                        Key = "uppcl", Received = 4, Resolved = 2, ClosedAtFinalLevel = 1, ClosedNoFeedback = 1, DisposedWithinTime = 4,
                        TotalDisposalSeconds = 172_800 + 345_540 + 518_280 + 345_240, MedianDisposalSeconds = (345_240 + 345_540) / 2.0,
                        SatisfiedFeedback = 2, DissatisfiedFeedback = 4, DissatisfiedGrievances = 2, Redisposed = 2, Reopened = 2, Escalated = 1,
                    },
                },
                departments);

            var districts = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.District, Start, Start.AddHours(1), late), default);
            Assert.Equal(
                new[]
                {
                    new GrievanceScorecard
                    {
                        Key = "Agra", Received = 4, Pending = 1, Defaulters = 1, Resolved = 1, ClosedAtFinalLevel = 1, Rejected = 1, DisposedWithinTime = 2,
                        TotalDisposalSeconds = 518_280 + 86_160 + 1_209_180, MedianDisposalSeconds = 518_280, SatisfiedFeedback = 1, DissatisfiedFeedback = 3,
                        DissatisfiedGrievances = 1, Redisposed = 1, Reopened = 1, Escalated = 1,
                    },
                    new GrievanceScorecard
                    {
                        Key = "Lucknow", Received = 4, Resolved = 2, ClosedNoFeedback = 1, Withdrawn = 1, DisposedWithinTime = 4,
                        TotalDisposalSeconds = 172_800 + 345_540 + 172_500 + 345_240, MedianDisposalSeconds = (172_800 + 345_240) / 2.0,
                        SatisfiedFeedback = 2, DissatisfiedFeedback = 1, DissatisfiedGrievances = 1, Redisposed = 1, Reopened = 1, Transfers = 1,
                    },
                },
                districts);

            var channels = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Channel, Start, Start.AddHours(1), late), default);
            Assert.Equal(
                new[]
                {
                    new GrievanceScorecard { Key = "dm-portal", Received = 1, Pending = 1, Defaulters = 1 },
                    new GrievanceScorecard
                    {
                        Key = "helpline-1076", Received = 5, Resolved = 1, ClosedAtFinalLevel = 1, ClosedNoFeedback = 1, Rejected = 1, Withdrawn = 1,
                        DisposedWithinTime = 5, TotalDisposalSeconds = 172_800 + 518_280 + 86_160 + 172_500 + 345_240, MedianDisposalSeconds = 172_800,
                        SatisfiedFeedback = 1, DissatisfiedFeedback = 3, DissatisfiedGrievances = 1, Redisposed = 1, Reopened = 1, Escalated = 1, Transfers = 1,
                    },
                    new GrievanceScorecard
                    {
                        Key = "web", Received = 2, Resolved = 2, DisposedWithinTime = 1, TotalDisposalSeconds = 345_540 + 1_209_180,
                        MedianDisposalSeconds = (345_540 + 1_209_180) / 2.0, SatisfiedFeedback = 2, DissatisfiedFeedback = 1, DissatisfiedGrievances = 1,
                        Redisposed = 1, Reopened = 1,
                    },
                },
                channels);

            var officers = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Officer, Start, Start.AddHours(1), late), default);
            Assert.Equal(new[] { ("revenue-l1", 4L, 1L), ("uppcl-l1", 3L, 2L), ("uppcl-l2", 1L, 0L) }, officers.Select(o => (o.Key, o.Received, o.Resolved)));

            // Judged at the start, no deadline has passed; a period with no registration has no scorecard.
            var early = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Department, Start, Start.AddHours(1), Start), default);
            Assert.All(early, c => Assert.Equal(0, c.Defaulters));
            Assert.Empty(await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.District, Start.AddDays(100), Start.AddDays(101), late), default));

            // The grievance registered after the period is there, and counted in a period that covers it.
            var all = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.District, Start, Start.AddDays(1), late), default);
            Assert.Equal(9, all.Sum(c => c.Received));
        }
    }

    /// <summary>
    /// Anonymization erases the contact details and complainant id of grievances closed before the cut-off only, once, in batches;
    /// a later write keeps the complainant anonymized, and the scorecards are unchanged.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Anonymization_erases_only_long_closed_complainants_and_leaves_the_statistics_intact()
    {
        var anonymizer = Assert.IsAssignableFrom<IComplainantAnonymizer>(Store);
        var statistics = Assert.IsAssignableFrom<IGrievanceStatistics>(Store);
        var contact = new ContactDetails("सीता देवी", "+91-9000000001");
        var grievances = new List<GrievanceSnapshot>();
        for (var i = 0; i < 5; i++)
        {
            var closed = i < 3;
            var g = Minimal(GrievanceId.New(), $"REF-R{i}") with
            {
                ComplainantId = $"citizen-{i}",
                Status = closed ? GrievanceStatus.Closed : GrievanceStatus.PendingWithOfficer,
                Outcome = closed ? GrievanceOutcome.Resolved : GrievanceOutcome.None,
                ClosedAt = closed ? Start.AddDays(i * 10) : null, // closed on day 0, 10 and 20
            };
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null) with { ToStatus = g.Status }, contact), default);
            grievances.Add(g);
        }

        var query = new ScorecardQuery(ScorecardDimension.District, Start, Start.AddDays(1), Start.AddDays(1));
        var before = await statistics.GetScorecardsAsync(query, default);

        Assert.Equal(1, await anonymizer.AnonymizeClosedBeforeAsync(Start.AddDays(15), 1, default));
        Assert.Equal(1, await anonymizer.AnonymizeClosedBeforeAsync(Start.AddDays(15), 1, default));
        Assert.Equal(0, await anonymizer.AnonymizeClosedBeforeAsync(Start.AddDays(15), 1, default));

        for (var i = 0; i < 5; i++)
        {
            var stored = (await Store.FindAsync(grievances[i].Id, default))!;
            if (i < 2)
            {
                Assert.Equal(grievances[i] with { ComplainantId = Complainant.AnonymizedId }, stored);
                Assert.Null(await Store.GetContactDetailsAsync(grievances[i].Id, default));
            }
            else
            {
                Assert.Equal(grievances[i], stored);
                Assert.Equal(contact, await Store.GetContactDetailsAsync(grievances[i].Id, default));
            }
        }

        await Store.SaveAsync(Next(grievances[0], "written after anonymization"), default); // carries the old complainant id
        Assert.Equal(Complainant.AnonymizedId, (await Store.FindAsync(grievances[0].Id, default))!.ComplainantId);
        Assert.Equal(before, await statistics.GetScorecardsAsync(query, default));
    }

    /// <summary>
    /// The known data set of <see cref="Scorecards_equal_hand_computed_figures_for_a_known_data_set"/>: eight grievances registered in
    /// the first hour after <see cref="Start"/> (A–H, one minute apart) and one two hours after it, then driven day by day.
    /// </summary>
    private static async Task RunKnownDataSetAsync(IGrievanceWorkflow workflow, ManualClock clock, IGrievanceSweeper sweeper)
    {
        var admin = Actor.Administrator("admin-1");
        var revenueL1 = Actor.Officer(new OfficerId("revenue-l1"), new DepartmentId("revenue"), 1);
        async Task<GrievanceId> Register(string category, string district, Channel channel)
        {
            var id = (await workflow.RegisterAsync(new RegisterGrievance(Agent, channel, new GrievanceCategory(category), new GrievanceLocation(district), new Complainant("c"), "x"))).Grievance.Id;
            clock.Advance(TimeSpan.FromMinutes(1));
            return id;
        }

        async Task Do(GrievanceCommand command) => await workflow.ExecuteAsync(command);
        var a = await Register("electricity", "Lucknow", Channel.Helpline1076);
        var b = await Register("electricity", "Lucknow", Channel.Web);
        var c = await Register("electricity", "Agra", Channel.Helpline1076);
        var d = await Register("revenue", "Agra", Channel.DmPortal);
        var e = await Register("revenue", "Agra", Channel.Helpline1076);
        var f = await Register("electricity", "Lucknow", Channel.Helpline1076);
        var g = await Register("electricity", "Lucknow", Channel.Helpline1076);
        var h = await Register("revenue", "Agra", Channel.Web);
        clock.AdvanceTo(Start.AddHours(2));
        await Register("electricity", "Lucknow", Channel.Helpline1076); // outside the period

        clock.AdvanceTo(Start.AddDays(1));
        foreach (var id in new[] { a, b, c, g })
        {
            await Do(new ReportAction(id, OfficerL1, "Done."));
        }

        await Do(new RejectGrievance(e, admin, "not-maintainable"));
        await Do(new TransferGrievance(f, Agent, new DepartmentId("revenue"), "Land record, not electricity."));

        clock.AdvanceTo(Start.AddDays(2));
        await Do(new RecordFeedback(a, Agent, FeedbackResponse.Satisfied));
        await Do(new RecordFeedback(b, Agent, FeedbackResponse.Dissatisfied, "Still wrong."));
        await Do(new RecordFeedback(c, Agent, FeedbackResponse.Dissatisfied, "Still wrong."));
        await Do(new RecordFeedback(g, Agent, FeedbackResponse.NotReachable));
        await Do(new WithdrawGrievance(f, admin));

        clock.AdvanceTo(Start.AddDays(3));
        await Do(new ReportAction(b, OfficerL1, "Done again."));
        await Do(new ReportAction(c, OfficerL1, "Done again."));
        await Do(new RecordFeedback(g, Agent, FeedbackResponse.NotReachable));

        clock.AdvanceTo(Start.AddDays(4));
        await Do(new RecordFeedback(b, Agent, FeedbackResponse.Satisfied));
        await Do(new RecordFeedback(c, Agent, FeedbackResponse.Dissatisfied, "Still wrong."));
        await Do(new RecordFeedback(g, Agent, FeedbackResponse.NotReachable));

        clock.AdvanceTo(Start.AddDays(5));
        await Do(new ReportAction(c, OfficerL2, "Decided at L2."));

        clock.AdvanceTo(Start.AddDays(6));
        await Do(new RecordFeedback(c, Agent, FeedbackResponse.Dissatisfied, "Still wrong."));

        clock.AdvanceTo(Start.AddDays(12));
        Assert.Equal(3, (await sweeper.SweepAsync(clock.GetUtcNow(), 100)).FlaggedOverdue); // d, h and the one outside the period

        clock.AdvanceTo(Start.AddDays(13));
        await Do(new ReportAction(h, revenueL1, "Done late."));
        clock.AdvanceTo(Start.AddDays(14));
        await Do(new RecordFeedback(h, Agent, FeedbackResponse.Satisfied));
        _ = d;
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

    private static (IGrievanceWorkflow Workflow, ManualClock Clock, ServiceProvider Provider) Engine(IGrievanceStore store, bool escalateOnBreach = false, Action<IGrievanceWorkflowBuilder>? build = null)
    {
        var clock = new ManualClock(Start);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        var builder = services.AddGrievanceWorkflow(o =>
        {
            o.ConcurrencyRetryLimit = 50;
            o.Routing.CategoryDepartments["electricity"] = "uppcl";
            o.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 1, Officer = "uppcl-l1" });
            o.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 2, Officer = "uppcl-l2" });
            o.Routing.CategoryDepartments["revenue"] = "revenue";
            o.Routing.Officers.Add(new OfficerAssignment { Department = "revenue", Level = 1, Officer = "revenue-l1" });
            o.Routing.Officers.Add(new OfficerAssignment { Department = "revenue", Level = 2, Officer = "revenue-l2" });
            if (escalateOnBreach)
            {
                o.Escalation.OnBreach = Escalation.BreachAction.EscalateToNextLevel;
            }
        }).UseStore(_ => store);
        build?.Invoke(builder);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IGrievanceWorkflow>(), clock, provider);
    }

    private static (GrievanceSnapshot Grievance, HistoryEntry Entry, ContactDetails Contact) FullyPopulated()
    {
        var id = GrievanceId.New();
        var grievance = new GrievanceSnapshot
        {
            Id = id,
            ReferenceNumber = new ReferenceNumber("GRV-261102-FULL0001"),
            Channel = new Channel("thana-samadhan-diwas"),
            Category = new GrievanceCategory("revenue", "mutation"),
            Location = new GrievanceLocation("Prayagraj", "Phulpur", "ग्राम सराय"),
            ComplainantId = "citizen-७",
            Description = string.Concat(Enumerable.Repeat("खसरा-खतौनी में नाम गलत। ", 400))[..GrievanceLimits.MaxTextLength],
            Status = GrievanceStatus.Closed,
            Outcome = GrievanceOutcome.Duplicate,
            Level = 3,
            Department = new DepartmentId("revenue"),
            Officer = new OfficerId("tehsildar-phulpur"),
            ReopenCounts = new LevelCounts([1, 0, 2]),
            TransferCount = 2,
            UnreachableAttempts = 1,
            RegisteredAt = Start,
            UpdatedAt = Start.AddDays(3).AddTicks(12345),
            DueAt = Start.AddDays(9),
            FeedbackDueAt = Start.AddDays(10),
            TimerToken = 7,
            IsOverdue = true,
            DisposedAt = Start.AddDays(2),
            PausedAt = Start.AddDays(1),
            ExtensionCount = 1,
            ClosedAt = Start.AddDays(3).AddTicks(12345),
            RejectionReasonCode = "sub-judice",
            DuplicateOf = new ReferenceNumber("GRV-261101-ORIG0001"),
            Version = 1,
        };
        var entry = new HistoryEntry
        {
            GrievanceId = id,
            Sequence = 1,
            OccurredAt = Start.AddTicks(1),
            Actor = Actor.Officer(new OfficerId("tehsildar-phulpur"), new DepartmentId("revenue"), 3),
            Action = GrievanceAction.MarkDuplicate,
            FromStatus = GrievanceStatus.PendingWithOfficer,
            ToStatus = GrievanceStatus.Closed,
            Outcome = GrievanceOutcome.Duplicate,
            FromLevel = 2,
            ToLevel = 3,
            Department = new DepartmentId("revenue"),
            Officer = new OfficerId("tehsildar-phulpur"),
            Text = "डुप्लिकेट — see the original. 😀 " + new string('x', 100),
            ReasonCode = "GRV-261101-ORIG0001",
            Rating = 4,
            IsInternal = true,
            CommandId = new CommandId("cmd-full-1"),
        };
        return (grievance, entry, new ContactDetails("सीता देवी", "+91-9000000001", "sita@example.org", "ग्राम सराय, फूलपुर"));
    }

    private static GrievanceSnapshot Minimal(GrievanceId id, string reference) => new()
    {
        Id = id,
        ReferenceNumber = new ReferenceNumber(reference),
        Channel = Channel.Web,
        Category = new GrievanceCategory("electricity"),
        Location = new GrievanceLocation("Lucknow"),
        ComplainantId = "c-1",
        Description = "x",
        Status = GrievanceStatus.Registered,
        RegisteredAt = Start,
        UpdatedAt = Start,
        Version = 1,
    };

    private static HistoryEntry FirstEntry(GrievanceSnapshot g, CommandId? commandId) => new()
    {
        GrievanceId = g.Id,
        Sequence = 1,
        OccurredAt = Start,
        Actor = Agent,
        Action = GrievanceAction.Register,
        FromStatus = GrievanceStatus.Registered,
        ToStatus = g.Status,
        FromLevel = 1,
        ToLevel = 1,
        Text = "first",
        CommandId = commandId,
    };

    private static GrievanceChange Next(GrievanceSnapshot current, string text, CommandId? commandId = null)
    {
        var next = current with { Version = current.Version + 1, UpdatedAt = current.UpdatedAt.AddMinutes(1) };
        return new GrievanceChange(next, new HistoryEntry
        {
            GrievanceId = current.Id,
            Sequence = next.Version,
            OccurredAt = next.UpdatedAt,
            Actor = Agent,
            Action = GrievanceAction.AddNote,
            FromStatus = current.Status,
            ToStatus = current.Status,
            FromLevel = current.Level,
            ToLevel = current.Level,
            Text = text,
            CommandId = commandId,
        });
    }

    private static GrievanceEvent Event(GrievanceSnapshot g, long sequence, int index) => new()
    {
        GrievanceId = g.Id,
        ReferenceNumber = g.ReferenceNumber,
        Sequence = sequence,
        Index = index,
        Type = index == 0 ? GrievanceEventType.Registered : GrievanceEventType.Routed,
        OccurredAt = Start.AddSeconds(sequence),
        Channel = g.Channel,
        Status = g.Status,
        Outcome = g.Outcome,
        Level = g.Level,
        Department = new DepartmentId("uppcl"),
        Officer = null,
        DueAt = Start.AddDays(7),
    };
}
