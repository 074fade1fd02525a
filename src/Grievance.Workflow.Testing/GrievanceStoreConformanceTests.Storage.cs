using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Xunit;

namespace Grievance.Workflow.Testing;

// Reading back, uniqueness, versions, command ids and racing writers.
public abstract partial class GrievanceStoreConformanceTests
{
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

    /// <summary>A command id used again is a typed conflict that tells nothing of the first use, and nothing is stored.</summary>
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

        Assert.Equal(new CommandId("ticket-9"), conflict.CommandId);
        Assert.DoesNotContain("note", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await Store.FindAsync(g.Id, default))!.Version);
        Assert.Equal(v2.Entry, await Store.FindByCommandIdAsync(new CommandId("ticket-9"), default));
    }

    /// <summary>
    /// A save that carries the snapshot it changes, as the engine's do, is refused as any other — stale, of a grievance not stored,
    /// with a command id taken — and stores nothing: not the row, its history or events, nor a count in the scorecards or flow
    /// figures (a store may write those in the same round trip as the change and must take them back with it).
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_refused_save_carrying_the_snapshot_it_changes_stores_nothing_and_leaves_the_scorecards_as_they_were()
    {
        var statistics = Assert.IsAssignableFrom<IGrievanceStatistics>(Store);
        var g = Minimal(GrievanceId.New(), "REF-RS");
        await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null), null), default);
        var v2 = Next(g, "noted", new CommandId("ticket-rs")) with { Previous = g };
        await Store.SaveAsync(v2, default);
        var before = await FiguresAsync(statistics);
        var outbox = Store is IOutboxStore o ? await o.ReadAsync(0, 100, default) : null;

        // Each refused change would move the grievance to Agra, closed: any count it left behind shows in the figures.
        static GrievanceChange Moved(GrievanceChange change) => new GrievanceChange(
            change.Grievance with { Location = new GrievanceLocation("Agra"), Status = GrievanceStatus.Closed, Outcome = GrievanceOutcome.Resolved, DisposedAt = Start.AddHours(1) },
            change.Entry with { ToStatus = GrievanceStatus.Closed },
            [Event(change.Grievance, change.Grievance.Version, 0)]) { Previous = change.Previous };

        var stale = await Assert.ThrowsAsync<GrievanceConcurrencyException>(async () => await Store.SaveAsync(Moved(Next(g, "stale") with { Previous = g }), default));
        var missing = Minimal(GrievanceId.New(), "REF-RS-NONE");
        await Assert.ThrowsAsync<GrievanceNotFoundException>(async () => await Store.SaveAsync(Moved(Next(missing, "x") with { Previous = missing }), default));
        var taken = await Assert.ThrowsAsync<CommandIdConflictException>(async () => await Store.SaveAsync(Moved(Next(v2.Grievance, "again", new CommandId("ticket-rs")) with { Previous = v2.Grievance }), default));

        Assert.Equal((1L, 2L), (stale.ExpectedVersion, stale.ActualVersion));
        Assert.Equal(new CommandId("ticket-rs"), taken.CommandId);
        Assert.Equal(v2.Grievance, await Store.FindAsync(g.Id, default));
        Assert.Null(await Store.FindAsync(missing.Id, default));
        Assert.Equal(new[] { "first", "noted" }, (await Store.GetHistoryAsync(g.Id, default)).Select(e => e.Text));
        Assert.Equal(before, await FiguresAsync(statistics));
        if (outbox is not null)
        {
            Assert.Equal(outbox, await ((IOutboxStore)Store).ReadAsync(0, 100, default));
        }
    }

    /// <summary>
    /// A registration refused for a taken reference number or command id stores nothing of itself — no row, history, contact
    /// details or event, no count in the scorecards or flow figures — though a store that sends a registration's writes together
    /// meets the taken command id only after the grievance's row went in.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_refused_registration_stores_nothing_and_leaves_the_outbox_and_scorecards_as_they_were()
    {
        var statistics = Assert.IsAssignableFrom<IGrievanceStatistics>(Store);
        var first = Minimal(GrievanceId.New(), "REF-RR");
        await Store.CreateAsync(new GrievanceCreation(first, FirstEntry(first, new CommandId("cmd-rr")), null, [Event(first, 1, 0)]), default);
        var before = await FiguresAsync(statistics);
        var outbox = Store is IOutboxStore o ? await o.ReadAsync(0, 100, default) : null;

        // Each refused registration is in Agra, with contact details and two events: anything it left behind shows.
        static GrievanceCreation Refused(string reference, CommandId? commandId)
        {
            var g = Minimal(GrievanceId.New(), reference) with { Location = new GrievanceLocation("Agra") };
            return new GrievanceCreation(g, FirstEntry(g, commandId), new ContactDetails("सीता देवी", "+91-9000000001"), [Event(g, 1, 0), Event(g, 1, 1)]);
        }

        var (sameReference, sameCommand) = (Refused("REF-RR", null), Refused("REF-RR-2", new CommandId("cmd-rr")));
        Assert.Equal(DuplicateKind.ReferenceNumber, (await Assert.ThrowsAsync<DuplicateGrievanceException>(async () => await Store.CreateAsync(sameReference, default))).Conflict);
        Assert.Equal(DuplicateKind.CommandId, (await Assert.ThrowsAsync<DuplicateGrievanceException>(async () => await Store.CreateAsync(sameCommand, default))).Conflict);

        foreach (var refused in new[] { sameReference, sameCommand })
        {
            Assert.Null(await Store.FindAsync(refused.Grievance.Id, default));
            Assert.Empty(await Store.GetHistoryAsync(refused.Grievance.Id, default));
            Assert.Null(await Store.GetContactDetailsAsync(refused.Grievance.Id, default));
        }

        Assert.Equal(before, await FiguresAsync(statistics));
        if (outbox is not null)
        {
            Assert.Equal(outbox, await ((IOutboxStore)Store).ReadAsync(0, 100, default));
        }
    }

    /// <summary>The store's scorecards and, where it has them, flow figures by every dimension over the days around <c>Start</c>, as text.</summary>
    private async Task<string> FiguresAsync(IGrievanceStatistics statistics)
    {
        var (from, to) = (Start.AddDays(-1), Start.AddDays(30));
        var figures = new List<string>();
        foreach (var dimension in Enum.GetValues<ScorecardDimension>())
        {
            figures.AddRange((await statistics.GetScorecardsAsync(new ScorecardQuery(dimension, from, to, Start.AddDays(2)), default)).Select(s => s.ToString()));
            if (Store is IGrievanceFlowReports flows)
            {
                figures.AddRange((await flows.GetFlowsAsync(new FlowQuery(dimension, from, to), default)).Select(f => f.ToString()));
            }
        }

        return string.Join(Environment.NewLine, figures);
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
}
