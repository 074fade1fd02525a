using System;
using System.Linq;
using System.Threading.Tasks;
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
