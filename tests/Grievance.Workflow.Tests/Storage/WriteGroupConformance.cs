using FluentAssertions;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// Group commit on a SQL store, against the real engine: while one write is held where it is sent (a lock another transaction
/// holds), the registrations and commands of other writers wait and then go together, one transaction, each counted once; when a
/// write of a group is refused, each write is sent again alone and meets its own fate. Each store says how a write is held.
/// </summary>
public abstract class WriteGroupConformance
{
    /// <summary>A district whose writes no held lock touches.</summary>
    protected static readonly GrievanceLocation Agra = new("Agra", "Sadar", "Ward 3");

    [StoreFact]
    public async Task Writes_that_wait_while_a_write_is_held_go_together_in_one_group_and_are_counted_once()
    {
        await using var opened = await OpenAsync(patience: TimeSpan.FromMinutes(10));
        var seed = opened.Seed;
        var open = new List<GrievanceSnapshot>();
        for (var i = 0; i < 3; i++)
        {
            open.Add(await seed.RegisterAsync());
        }

        seed.Clock.Advance(TimeSpan.FromDays(1)); // the held rows, where a store holds rows, are of a day nothing was registered on yet
        await using var held = await HoldAsync(opened);
        var first = Task.Run(() => seed.Workflow.RegisterAsync(Seed.Complaint()).AsTask()); // in Lucknow: held (SQLite holds the thread too)
        await held.UntilHeldAsync();
        var pairs = await FillTheOtherPlacesAsync(opened);

        var registrations = Enumerable.Range(0, 3).Select(_ => seed.Workflow.RegisterAsync(Seed.Complaint(location: Agra)).AsTask()).ToList();
        var reports = open.Select(g => seed.Workflow.ExecuteAsync(new ReportAction(g.Id, Seed.OfficerL1, "Bill corrected.")).AsTask()).ToList();
        await Poll.UntilAsync(() => opened.Waiting() == 6);
        await held.ReleaseAsync();

        (await first).Grievance.Location.District.Should().Be("Lucknow");
        await Task.WhenAll(pairs);
        var written = (await Task.WhenAll(registrations)).Select(r => r.Grievance.Id).Concat((await Task.WhenAll(reports)).Select(r => r.Grievance.Id)).ToList();
        opened.SharedGroups().Should().Be(opened.Places, "the six went in one group, and each pair that took a place beyond the first in another");
        if (await TransactionsAsync(written) is { } transactions)
        {
            transactions.Should().Be(1, "the six writes were one transaction");
        }

        (await opened.Store.GetHistoryAsync(open[0].Id, default)).Should().HaveCount(2);

        var statistics = (IGrievanceStatistics)opened.Store;
        var scorecards = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.District, Seed.Start.AddDays(-1), seed.Clock.GetUtcNow().AddDays(1), seed.Clock.GetUtcNow()), default);
        scorecards.Sum(s => s.Received).Should().Be(7 + pairs.Count, "each registration counted once, those of the groups too");
        scorecards.Single(s => s.Key == "Agra").Received.Should().Be(3);
    }

    [StoreFact]
    public async Task When_a_write_of_a_group_is_refused_each_write_is_sent_again_alone_and_meets_its_own_fate()
    {
        await using var opened = await OpenAsync(patience: TimeSpan.FromMinutes(10));
        var seed = opened.Seed;
        var (noted, other, contended, reported) = (await seed.RegisterAsync(), await seed.RegisterAsync(), await seed.RegisterAsync(), await seed.RegisterAsync());
        seed.Clock.Advance(TimeSpan.FromDays(1));

        await using var held = await HoldAsync(opened);
        var first = Task.Run(() => seed.Workflow.RegisterAsync(Seed.Complaint()).AsTask());
        await held.UntilHeldAsync();
        var pairs = await FillTheOtherPlacesAsync(opened);

        // Two different commands under one new command id, neither stored when decided: the store's unique key tells them apart.
        var taken = new CommandId("note-1");
        var twins = new[] { (noted, "Site visit fixed."), (other, "Meter read again.") }
            .Select(t => seed.Workflow.TryExecuteAsync(new AddNote(t.Item1.Id, Seed.OfficerL1, t.Item2) { CommandId = taken }).AsTask()).ToList();
        var race = Enumerable.Range(0, 2).Select(_ => seed.Workflow.TryExecuteAsync(new ReportAction(contended.Id, Seed.OfficerL1, "Bill corrected.")).AsTask()).ToList();
        var report = seed.Workflow.TryExecuteAsync(new ReportAction(reported.Id, Seed.OfficerL1, "Meter replaced.")).AsTask();
        var registration = seed.Workflow.RegisterAsync(Seed.Complaint(location: Agra)).AsTask();
        await Poll.UntilAsync(() => opened.Waiting() == 6);
        await held.ReleaseAsync();
        await first;
        await Task.WhenAll(pairs);

        var notes = await Task.WhenAll(twins);
        notes.Count(r => r.Value is not null).Should().Be(1, "the command id is one command's");
        notes.Single(r => r.Value is null).Error.Should().BeOfType<CommandIdConflictException>();
        (await Task.WhenAll(race)).Count(r => r.Value is not null).Should().Be(1, "one report wins the race; the other, decided again, is refused");
        (await report).Value.Should().NotBeNull();
        (await registration).Grievance.Location.District.Should().Be("Agra");
        opened.SharedGroups().Should().BeGreaterThan(0);

        (await opened.Store.FindByCommandIdAsync(taken, default)).Should().NotBeNull();
        var notesWritten = (await opened.Store.GetHistoryAsync(noted.Id, default)).Concat(await opened.Store.GetHistoryAsync(other.Id, default)).Count(h => h.CommandId == taken);
        notesWritten.Should().Be(1, "the refused twin wrote nothing");
        (await opened.Store.GetHistoryAsync(contended.Id, default)).Count(h => h.Action == GrievanceAction.ReportAction).Should().Be(1);
        (await opened.Store.GetHistoryAsync(reported.Id, default)).Count(h => h.Action == GrievanceAction.ReportAction).Should().Be(1);
    }

    /// <summary>
    /// Where groups may take places beyond the first (two or more writes each), fills each with a pair of registrations in Lucknow,
    /// which the held lock holds too, so that the writes sent next wait as behind one place; returns the pairs' registrations.
    /// </summary>
    private static async Task<List<Task>> FillTheOtherPlacesAsync(GroupedStore opened)
    {
        var pairs = new List<Task>();
        for (var place = 2; place <= opened.Places; place++)
        {
            pairs.Add(Task.Run(() => opened.Seed.Workflow.RegisterAsync(Seed.Complaint()).AsTask()));
            await Poll.UntilAsync(() => opened.Waiting() == 1); // alone, it waits for a partner beside the held group
            pairs.Add(Task.Run(() => opened.Seed.Workflow.RegisterAsync(Seed.Complaint()).AsTask()));
            await Poll.UntilAsync(() => opened.Waiting() == 0 && opened.AtServer() == place);
        }

        return pairs;
    }

    /// <summary>Opens a store, its engine and its groups, a write waiting at most <paramref name="patience"/> for a group's place (the store's own when not given).</summary>
    protected abstract Task<GroupedStore> OpenAsync(TimeSpan? patience);

    /// <summary>Holds the next write of the store sent alone — a registration in Lucknow — where it is sent, until released.</summary>
    protected abstract Task<HeldWrite> HoldAsync(GroupedStore store);

    /// <summary>How many transactions wrote the grievances' rows, where the store can tell; else <see langword="null"/>.</summary>
    protected abstract Task<long?> TransactionsAsync(IReadOnlyList<GrievanceId> ids);

    /// <summary>A store with its engine, what its groups say, and what to dispose.</summary>
    protected sealed record GroupedStore(Seed Seed, IGrievanceStore Store, Func<int> Waiting, Func<long> SharedGroups, Func<int> AtServer, int Places, IAsyncDisposable Owner) : IAsyncDisposable
    {
        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            Seed.Dispose();
            await Owner.DisposeAsync();
        }
    }

    /// <summary>A write held where it is sent: wait until it is, and release it.</summary>
    protected sealed class HeldWrite(Func<Task> untilHeld, Func<Task> release, IAsyncDisposable owner) : IAsyncDisposable
    {
        /// <summary>Waits until the write is held.</summary>
        public Task UntilHeldAsync() => untilHeld();

        /// <summary>Lets it go.</summary>
        public Task ReleaseAsync() => release();

        /// <inheritdoc />
        public ValueTask DisposeAsync() => owner.DisposeAsync();
    }
}
