using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;
using Xunit;

namespace Grievance.Workflow.Testing;

// Batches, claims on due work and dispatcher leases: what lets one store serve many commands per write and many nodes.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>
    /// A batch stores each change whole or not at all, each checked on its own: a stale version, a missing grievance and a taken
    /// command id are reported and leave nothing behind, and never stop the others.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_batch_stores_each_change_on_its_own_and_reports_the_ones_it_skips()
    {
        if (Store is not IGrievanceBatchStore batches)
        {
            Optional(nameof(IGrievanceBatchStore));
            return; // optional: the engine and the sweeper fall back to one write per change
        }

        var outbox = Store as IOutboxStore;
        var before = outbox is null ? 0 : (await outbox.ReadAsync(0, 10_000, default)).Count;
        var created = new List<GrievanceSnapshot>();
        for (var i = 0; i < 4; i++)
        {
            var g = Minimal(GrievanceId.New(), $"REF-B{i}");
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null), null), default);
            created.Add(g);
        }

        var (a, b, d, e) = (created[0], created[1], created[2], created[3]);
        await Store.SaveAsync(Next(d, "took the id", new CommandId("batch-taken")), default);
        var dNow = (await Store.FindAsync(d.Id, default))!;
        var missing = Minimal(GrievanceId.New(), "REF-B-NONE");
        var changes = new[]
        {
            WithEvent(Next(a, "a2")),
            Next(b with { Version = 5 }, "stale"),
            Next(missing, "missing"),
            WithEvent(Next(dNow, "reuses the id", new CommandId("batch-taken"))),
            WithEvent(Next(e, "e2", new CommandId("batch-fresh"))),
        };

        var outcomes = await batches.SaveManyAsync(changes, default);

        Assert.Equal(5, outcomes.Count);
        Assert.Null(outcomes[0]);
        var stale = Assert.IsType<GrievanceConcurrencyException>(outcomes[1]);
        Assert.Equal((5L, 1L), (stale.ExpectedVersion, stale.ActualVersion));
        Assert.IsType<GrievanceNotFoundException>(outcomes[2]);
        Assert.Equal(new CommandId("batch-taken"), Assert.IsType<CommandIdConflictException>(outcomes[3]).CommandId);
        Assert.Null(outcomes[4]);
        Assert.Equal(changes[0].Grievance, await Store.FindAsync(a.Id, default));
        Assert.Equal(b, await Store.FindAsync(b.Id, default));
        Assert.Null(await Store.FindAsync(missing.Id, default));
        Assert.Equal(dNow, await Store.FindAsync(d.Id, default));
        Assert.Equal(changes[4].Grievance, await Store.FindAsync(e.Id, default));
        Assert.Equal(new[] { "first", "took the id" }, (await Store.GetHistoryAsync(d.Id, default)).Select(h => h.Text));
        Assert.Equal(changes[4].Entry, await Store.FindByCommandIdAsync(new CommandId("batch-fresh"), default));
        if (outbox is not null)
        {
            var events = (await outbox.ReadAsync(0, 10_000, default)).Skip(before).Select(m => m.Event.GrievanceId).ToList();
            Assert.Equal(new[] { a.Id, e.Id }, events);
        }

        var found = await batches.FindManyAsync([a.Id, missing.Id, e.Id, b.Id], default);
        Assert.Equal(new[] { a.Id, b.Id, e.Id }.OrderBy(id => id.Value), found.Select(g => g.Id).OrderBy(id => id.Value));
        Assert.Empty(await batches.SaveManyAsync(Array.Empty<GrievanceChange>(), default));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await batches.SaveManyAsync([Next(changes[0].Grievance, "x"), Next(changes[0].Grievance, "y")], default));
    }

    /// <summary>
    /// Through the engine, a batch of commands gives each command the result it would get alone, in order: refusals stop nothing,
    /// two commands on one grievance are applied one after the other, and each accepted one has its own history entry.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_batch_of_commands_gives_each_the_result_it_would_get_alone()
    {
        var (workflow, _, provider) = Engine(Store);
        await using (provider.ConfigureAwait(false))
        {
            var ids = new List<GrievanceId>();
            for (var i = 0; i < 3; i++)
            {
                ids.Add((await workflow.RegisterAsync(new RegisterGrievance(Agent, Channel.Web, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"), new Complainant("c"), "x"))).Grievance.Id);
            }

            var officer = Actor.Officer(new OfficerId("uppcl-l1"), new DepartmentId("uppcl"), 1);
            var results = await workflow.ExecuteManyAsync(
            [
                new ReportAction(ids[0], officer, "fixed"),
                new ReportAction(ids[1], officer, "stale") { ExpectedVersion = 9 },
                new AddNote(ids[0], Agent, "after the report"),
                new ReportAction(GrievanceId.New(), officer, "nobody"),
                new RecordFeedback(ids[2], Agent, FeedbackResponse.Satisfied),
                new AddNote(ids[2], Agent, "noted") { CommandId = new CommandId("batch-note") },
            ]);

            Assert.Equal(6, results.Count);
            Assert.Equal(GrievanceStatus.AwaitingFeedback, results[0].GetValueOrThrow().Grievance.Status);
            Assert.IsType<GrievanceConcurrencyException>(results[1].Error);
            Assert.Equal(3L, results[2].GetValueOrThrow().Entry.Sequence);
            Assert.IsType<GrievanceNotFoundException>(results[3].Error);
            Assert.IsType<GrievanceActionNotAllowedException>(results[4].Error);
            Assert.Equal(new CommandId("batch-note"), results[5].GetValueOrThrow().Entry.CommandId);
            Assert.Equal(
                new[] { GrievanceAction.Register, GrievanceAction.ReportAction, GrievanceAction.AddNote },
                (await Store.GetHistoryAsync(ids[0], default)).Select(h => h.Action));
            Assert.Equal(1L, (await Store.FindAsync(ids[1], default))!.Version);

            var replayed = await workflow.ExecuteManyAsync([new AddNote(ids[2], Agent, "noted") { CommandId = new CommandId("batch-note") }]);
            Assert.True(replayed[0].GetValueOrThrow().IsReplay);
        }
    }

    /// <summary>
    /// Claims give each due item to one claimant: another is given the rest, a released or expired claim is free again, and a
    /// claim on a timer that changed is void.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Claims_give_each_due_item_to_one_claimant_until_released_or_expired()
    {
        if (Store is not IDueWorkClaims claims)
        {
            Optional(nameof(IDueWorkClaims));
            return; // optional: sweepers on several nodes then all read everything due
        }

        for (var i = 0; i < 5; i++)
        {
            var g = Minimal(GrievanceId.New(), $"REF-CL{i}") with { Status = GrievanceStatus.PendingWithOfficer, DueAt = Start.AddDays(1).AddMinutes(i), TimerToken = 1 };
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null), null), default);
        }

        var now = Start.AddDays(2);
        var until = now.AddMinutes(2);
        var first = await claims.ClaimDueAsync(DueWorkKind.OfficerDeadline, now, 3, null, "node-a", until, default);
        var second = await claims.ClaimDueAsync(DueWorkKind.OfficerDeadline, now, 3, null, "node-b", until, default);
        var third = await claims.ClaimDueAsync(DueWorkKind.OfficerDeadline, now, 3, null, "node-c", until, default);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(third);
        Assert.Empty(first.Select(d => d.GrievanceId).Intersect(second.Select(d => d.GrievanceId)));

        await claims.ReleaseAsync([first[0].GrievanceId], "node-b", default); // not node-b's: left alone
        Assert.Empty(await claims.ClaimDueAsync(DueWorkKind.OfficerDeadline, now, 5, null, "node-c", until, default));
        await claims.ReleaseAsync([first[0].GrievanceId], "node-a", default);
        Assert.Equal(new[] { first[0].GrievanceId }, (await claims.ClaimDueAsync(DueWorkKind.OfficerDeadline, now, 5, null, "node-c", until, default)).Select(d => d.GrievanceId));

        // node-a dies holding first[1] and first[2]: once the claims run out, anyone takes them.
        var later = until.AddSeconds(1);
        var takenOver = await claims.ClaimDueAsync(DueWorkKind.OfficerDeadline, later, 5, null, "node-d", later.AddMinutes(2), default);
        Assert.Equal(5, takenOver.Count);
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await claims.ClaimDueAsync(DueWorkKind.OfficerDeadline, now, 5, null, "node-e", now, default));
    }

    /// <summary>
    /// A claim that returns grievances returns them as stored, in due order, as many as a claim of items would, and claims them:
    /// another claimant is given the rest, and the same claimant's next page (after the last one's item) holds none of another's.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_claim_of_grievances_returns_them_as_stored_in_due_order_and_claims_them()
    {
        if (Store is not IDueGrievanceClaims claims)
        {
            Optional(nameof(IDueGrievanceClaims));
            return; // optional: a sweeper then reads each claimed page again by id
        }

        for (var i = 0; i < 5; i++)
        {
            // Due in the reverse order of registration, so that due order is not the order of creation.
            var g = Minimal(GrievanceId.New(), $"REF-CG{i}") with { Status = GrievanceStatus.PendingWithOfficer, DueAt = Start.AddDays(1).AddMinutes(10 - i), TimerToken = 1 };
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null), null), default);
        }

        var now = Start.AddDays(2);
        var until = now.AddMinutes(2);
        var first = await claims.ClaimDueGrievancesAsync(DueWorkKind.OfficerDeadline, now, 3, null, "node-a", until, default);
        var rest = await claims.ClaimDueAsync(DueWorkKind.OfficerDeadline, now, 5, null, "node-b", until, default);
        var next = await claims.ClaimDueGrievancesAsync(DueWorkKind.OfficerDeadline, now, 3, DueWorkItem.Of(first[^1], DueWorkKind.OfficerDeadline), "node-a", until, default);

        Assert.Equal(3, first.Count);
        Assert.Equal(new[] { "REF-CG4", "REF-CG3", "REF-CG2" }, first.Select(g => g.ReferenceNumber.Value));
        foreach (var g in first)
        {
            Assert.Equal(await Store.FindAsync(g.Id, default), g);
        }

        Assert.Equal(new[] { "REF-CG1", "REF-CG0" }, await Task.WhenAll(rest.Select(async d => (await Store.FindAsync(d.GrievanceId, default))!.ReferenceNumber.Value)));
        Assert.Empty(next);
    }

    /// <summary>A handler's lease is held by one dispatcher at a time, renewed by its holder, and free once released or run out.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_lease_is_held_by_one_holder_at_a_time_and_free_once_released_or_run_out()
    {
        if (Store is not IOutboxLeases leases)
        {
            Optional(nameof(IOutboxLeases));
            return; // optional: dispatchers on several nodes then all deliver every event
        }

        var t = Start;
        Assert.True(await leases.TryAcquireLeaseAsync("sms", "node-a", t, t.AddSeconds(30), default));
        Assert.False(await leases.TryAcquireLeaseAsync("sms", "node-b", t.AddSeconds(10), t.AddSeconds(40), default));
        Assert.True(await leases.TryAcquireLeaseAsync("webhook", "node-b", t.AddSeconds(10), t.AddSeconds(40), default));
        Assert.True(await leases.TryAcquireLeaseAsync("sms", "node-a", t.AddSeconds(20), t.AddSeconds(50), default)); // renewed
        Assert.False(await leases.TryAcquireLeaseAsync("sms", "node-b", t.AddSeconds(45), t.AddSeconds(75), default));
        Assert.True(await leases.TryAcquireLeaseAsync("sms", "node-b", t.AddSeconds(50), t.AddSeconds(80), default)); // run out: taken over
        Assert.False(await leases.TryAcquireLeaseAsync("sms", "node-a", t.AddSeconds(51), t.AddSeconds(81), default));

        await leases.ReleaseLeaseAsync("sms", "node-a", default); // not node-a's: left alone
        Assert.False(await leases.TryAcquireLeaseAsync("sms", "node-c", t.AddSeconds(52), t.AddSeconds(82), default));
        await leases.ReleaseLeaseAsync("sms", "node-b", default);
        Assert.True(await leases.TryAcquireLeaseAsync("sms", "node-c", t.AddSeconds(52), t.AddSeconds(82), default));
    }

    private static GrievanceChange WithEvent(GrievanceChange change)
        => new(change.Grievance, change.Entry, [Event(change.Grievance, change.Entry.Sequence, 0)]);
}
