using FluentAssertions;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Grievance.Workflow.Tests.Support;
using Npgsql;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// Group commit on PostgreSQL, against the real engine and server: while one write is held at the server (rollup rows another
/// transaction holds), the registrations and commands of other writers wait and then go together, one transaction; when the
/// server refuses a statement of the group, each write is sent again alone and meets its own fate; and a write held at the server
/// holds nobody else past the groups' patience.
/// </summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlWriteGroupTests() : PostgreSqlSchemaTests("write_groups")
{
    private static readonly GrievanceLocation Agra = new("Agra", "Sadar", "Ward 3");

    [StoreFact]
    public async Task Writes_that_wait_while_a_write_is_held_at_the_server_go_together_in_one_transaction_and_are_counted_once()
    {
        var (store, seed, application) = await OpenAsync(patience: TimeSpan.FromMinutes(10));
        await using var _ = store;
        using var __ = seed;
        var open = new List<GrievanceSnapshot>();
        for (var i = 0; i < 3; i++)
        {
            open.Add(await seed.RegisterAsync());
        }

        seed.Clock.Advance(TimeSpan.FromDays(1)); // the reports' flows fall on a day of their own
        await using var held = await HeldFlowRows.HoldAsync(Scoped, "Lucknow", seed.Clock.GetUtcNow());
        var first = seed.Workflow.RegisterAsync(Seed.Complaint()).AsTask(); // in Lucknow: held at the server
        await HeldFlowRows.WaitUntilWaitingOnALockAsync(Scoped, application);

        var registrations = Enumerable.Range(0, 3).Select(_ => seed.Workflow.RegisterAsync(Seed.Complaint(location: Agra)).AsTask()).ToList();
        var reports = open.Select(g => seed.Workflow.ExecuteAsync(new ReportAction(g.Id, Seed.OfficerL1, "Bill corrected.")).AsTask()).ToList();
        await UntilAsync(() => store.Groups.Waiting == 6);
        await held.ReleaseAsync();

        (await first).Grievance.Location.District.Should().Be("Lucknow");
        var written = (await Task.WhenAll(registrations)).Select(r => r.Grievance.Id).Concat((await Task.WhenAll(reports)).Select(r => r.Grievance.Id)).ToList();
        store.Groups.SharedGroups.Should().Be(1);
        (await PostgreSqlServer.CountAsync(Scoped, $"SELECT COUNT(DISTINCT xmin::text) FROM grievances WHERE id IN ({string.Join(", ", written.Select(id => $"'{id}'"))})"))
            .Should().Be(1, "the six writes were one transaction");
        (await PostgreSqlServer.CountAsync(Scoped, "SELECT COUNT(*) FROM history")).Should().Be(10, "seven registrations and three reports");

        var scorecards = await store.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.District, Seed.Start.AddDays(-1), seed.Clock.GetUtcNow().AddDays(1), seed.Clock.GetUtcNow()), default);
        scorecards.Sum(s => s.Received).Should().Be(7, "each registration counted once, those of the group too");
        scorecards.Single(s => s.Key == "Agra").Received.Should().Be(3);
    }

    [StoreFact]
    public async Task When_the_server_refuses_a_write_of_a_group_each_write_is_sent_again_alone_and_meets_its_own_fate()
    {
        var (store, seed, application) = await OpenAsync(patience: TimeSpan.FromMinutes(10));
        await using var _ = store;
        using var __ = seed;
        var (noted, other, contended, reported) = (await seed.RegisterAsync(), await seed.RegisterAsync(), await seed.RegisterAsync(), await seed.RegisterAsync());
        seed.Clock.Advance(TimeSpan.FromDays(1)); // the held rows are of a day nothing was registered on yet

        await using var held = await HeldFlowRows.HoldAsync(Scoped, "Lucknow", seed.Clock.GetUtcNow());
        var first = seed.Workflow.RegisterAsync(Seed.Complaint()).AsTask();
        await HeldFlowRows.WaitUntilWaitingOnALockAsync(Scoped, application);

        // Two different commands under one new command id, neither stored when decided: the store's unique key tells them apart.
        var taken = new CommandId("note-1");
        var twins = new[] { (noted, "Site visit fixed."), (other, "Meter read again.") }
            .Select(t => seed.Workflow.TryExecuteAsync(new AddNote(t.Item1.Id, Seed.OfficerL1, t.Item2) { CommandId = taken }).AsTask()).ToList();
        var race = Enumerable.Range(0, 2).Select(_ => seed.Workflow.TryExecuteAsync(new ReportAction(contended.Id, Seed.OfficerL1, "Bill corrected.")).AsTask()).ToList();
        var report = seed.Workflow.TryExecuteAsync(new ReportAction(reported.Id, Seed.OfficerL1, "Meter replaced.")).AsTask();
        var registration = seed.Workflow.RegisterAsync(Seed.Complaint(location: Agra)).AsTask();
        await UntilAsync(() => store.Groups.Waiting == 6);
        await held.ReleaseAsync();
        await first;

        var notes = await Task.WhenAll(twins);
        notes.Count(r => r.Value is not null).Should().Be(1, "the command id is one command's");
        notes.Single(r => r.Value is null).Error.Should().BeOfType<CommandIdConflictException>();
        (await Task.WhenAll(race)).Count(r => r.Value is not null).Should().Be(1, "one report wins the race; the other, decided again, is refused");
        (await report).Value.Should().NotBeNull();
        (await registration).Grievance.Location.District.Should().Be("Agra");
        store.Groups.SharedGroups.Should().BeGreaterThan(0);

        (await PostgreSqlServer.CountAsync(Scoped, "SELECT COUNT(*) FROM history WHERE command_id = 'note-1'")).Should().Be(1, "the refused twin wrote nothing");
        (await store.GetHistoryAsync(contended.Id, default)).Count(h => h.Action == GrievanceAction.ReportAction).Should().Be(1);
        (await store.GetHistoryAsync(reported.Id, default)).Count(h => h.Action == GrievanceAction.ReportAction).Should().Be(1);
        (await PostgreSqlServer.CountAsync(Scoped, "SELECT COUNT(*) FROM grievances")).Should().Be(6);
    }

    [StoreFact]
    public async Task A_write_held_at_the_server_holds_the_writes_behind_it_no_longer_than_the_groups_patience()
    {
        var (store, seed, application) = await OpenAsync(patience: null);
        await using var _ = store;
        using var __ = seed;
        await using var held = await HeldFlowRows.HoldAsync(Scoped, "Lucknow", seed.Clock.GetUtcNow());
        var first = seed.Workflow.RegisterAsync(Seed.Complaint()).AsTask();
        await HeldFlowRows.WaitUntilWaitingOnALockAsync(Scoped, application);

        var behind = Enumerable.Range(0, 3).Select(_ => seed.Workflow.RegisterAsync(Seed.Complaint(location: Agra)).AsTask()).ToList();
        var all = Task.WhenAll(behind);
        (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30)))).Should().BeSameAs(all, "the writes behind the held one go beside it once out of patience");
        first.IsCompleted.Should().BeFalse();

        await held.ReleaseAsync();
        (await first).Grievance.Location.District.Should().Be("Lucknow");
    }

    private async Task<(PostgreSqlGrievanceStore Store, Seed Seed, string Application)> OpenAsync(TimeSpan? patience)
    {
        var application = $"groups-{Guid.NewGuid():N}"[..20];
        var store = new PostgreSqlGrievanceStore(new NpgsqlConnectionStringBuilder(Scoped) { ApplicationName = application }.ConnectionString);
        if (patience is { } given)
        {
            store.Groups.Patience = given;
        }

        await store.MigrateAsync();
        return (store, new Seed(build: b => b.UseStore(_ => store)), application);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3_000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue();
    }
}
