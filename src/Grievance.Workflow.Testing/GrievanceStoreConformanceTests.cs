using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.DependencyInjection;
using Grievance.Workflow.Events;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

/// <summary>
/// The conformance suite every <see cref="IGrievanceStore"/> must pass. Subclass it in an xunit test project and return a fresh,
/// empty store from <see cref="CreateStoreAsync"/>; every test here then runs against it. The store must also implement
/// <see cref="IOutboxStore"/> and <see cref="IDueWorkQuery"/>.
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
        await outbox.RecordDeliveryAsync("sms", messages[1].Position, 2, Start, default);
        Assert.Equal(messages[1].Position, await outbox.GetCheckpointAsync("sms", default));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await outbox.RecordDeliveryAsync("sms", messages[0].Position, 1, Start, default));
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
            var first = new RecordingSubscriber("sms", all, received, stopAfter: all[2].Position, dying);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await new OutboxDispatcher(outbox, [first], options, TimeProvider.System).DispatchAsync(100, dying.Token));
            Assert.Equal(all[1].Position, await outbox.GetCheckpointAsync("sms", default));
            var resumed = await new OutboxDispatcher(outbox, [new RecordingSubscriber("sms", all, received, stopAfter: null, null)], options, TimeProvider.System).DispatchAsync(100);

            Assert.Equal(6, resumed.Delivered);
            Assert.Equal(all.Take(3).Select(m => m.Position).Concat(all.Skip(2).Select(m => m.Position)), received);
            Assert.Equal(all[^1].Position, await outbox.GetCheckpointAsync("sms", default));
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

    private static (IGrievanceWorkflow Workflow, ManualClock Clock, ServiceProvider Provider) Engine(IGrievanceStore store, bool escalateOnBreach = false)
    {
        var clock = new ManualClock(Start);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        services.AddGrievanceWorkflow(o =>
        {
            o.ConcurrencyRetryLimit = 50;
            o.Routing.CategoryDepartments["electricity"] = "uppcl";
            o.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 1, Officer = "uppcl-l1" });
            o.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 2, Officer = "uppcl-l2" });
            if (escalateOnBreach)
            {
                o.Escalation.OnBreach = Escalation.BreachAction.EscalateToNextLevel;
            }
        }).UseStore(_ => store);
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
