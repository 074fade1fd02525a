using System.Data.Common;
using FluentAssertions;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// Schema version 9 brings the tally columns and the daily scorecard rollups to a database written before them: the migration fills
/// both from the history and the grievance rows, so the scorecards read the same after it as before, and the snapshots carry the
/// tally the engine would have kept. Run on each SQL store by its own test class.
/// </summary>
internal static class ScorecardRollupMigration
{
    // Versions 22 to 9 undone: what a database at version 8 looks like. The newest (on PostgreSQL the function that fails an update
    // that changed nothing, the room in the grievance indexes' leaves, the unique keys without NULLs and the rollup tables' free room on each page; the disposal index of disposed
    // grievances, the indexes of open grievances, the narrower feedback and retention indexes, and on PostgreSQL the claims in id
    // order) are only forgotten: migrating again repeats them harmlessly.
    public const string Downgrade = """
        DELETE FROM grievance_schema WHERE version = 22;
        DELETE FROM grievance_schema WHERE version = 21;
        DELETE FROM grievance_schema WHERE version = 20;
        DELETE FROM grievance_schema WHERE version = 19;
        DELETE FROM grievance_schema WHERE version = 18;
        DELETE FROM grievance_schema WHERE version = 17;
        DELETE FROM grievance_schema WHERE version = 16;
        DELETE FROM grievance_schema WHERE version = 15;
        DROP INDEX grievances_officer_pending;
        DROP INDEX grievances_officer_registered;
        CREATE INDEX grievances_officer_queue ON grievances (officer, status, due_at, id);
        DELETE FROM grievance_schema WHERE version = 14;
        DROP TABLE deferred_indexes;
        DELETE FROM grievance_schema WHERE version = 13;
        ALTER TABLE grievances DROP COLUMN appeal_count;
        ALTER TABLE grievances DROP COLUMN appealed_outcome;
        DELETE FROM grievance_schema WHERE version = 12;
        DROP INDEX grievances_complainant;
        ALTER TABLE grievances DROP COLUMN likely_duplicates;
        ALTER TABLE grievances DROP COLUMN intake_flag;
        DELETE FROM grievance_schema WHERE version = 11;
        ALTER TABLE grievances DROP COLUMN special_closure_reason_code;
        DELETE FROM grievance_schema WHERE version = 10;
        DROP TABLE grievance_rollups;
        DROP TABLE grievance_flows;
        DROP INDEX grievances_closed;
        ALTER TABLE grievances DROP COLUMN satisfied_feedback;
        ALTER TABLE grievances DROP COLUMN dissatisfied_feedback;
        ALTER TABLE grievances DROP COLUMN tally_flags;
        DELETE FROM grievance_schema WHERE version = 9;
        """;

    public static async Task MigratesAsync<TStore>(Func<TStore> open, Func<string, Task> downgrade)
        where TStore : IGrievanceStore, IGrievanceStatistics, IGrievanceFlowReports
    {
        var store = open();
        var ids = new List<GrievanceId>();
        using (var seed = new Seed(build: b => b.UseStore(_ => store)))
        {
            for (var i = 0; i < 12; i++)
            {
                var g = await seed.RegisterAsync();
                ids.Add(g.Id);
                seed.Clock.Advance(TimeSpan.FromHours(5));
                if (i % 4 == 3)
                {
                    continue; // left with the officer: a defaulter after the week below
                }

                g = await seed.ReportAsync(g, Actor.Officer(g.Officer!.Value, g.Department!.Value, g.Level));
                if (i % 4 == 1)
                {
                    g = await seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied, "Still wrong."); // reopened at L1
                    g = await seed.ReportAsync(g, Actor.Officer(g.Officer!.Value, g.Department!.Value, g.Level));
                }

                await seed.FeedbackAsync(g, i % 4 == 2 ? FeedbackResponse.Dissatisfied : FeedbackResponse.Satisfied, "x");
            }

            seed.Clock.Advance(TimeSpan.FromDays(8));
            await seed.Services.GetRequiredService<IGrievanceSweeper>().SweepAsync(seed.Clock.GetUtcNow(), 100);
        }

        store = open(); // the engine's container disposed the one it was given
        var before = await ScorecardsAsync(store);
        var snapshots = new List<GrievanceSnapshot>();
        foreach (var id in ids)
        {
            snapshots.Add((await store.FindAsync(id, default))!);
        }

        snapshots.Should().Contain(g => g.Tally.Reopened).And.Contain(g => g.Tally.Breached).And.Contain(g => g.Tally.Redisposed);
        await downgrade(Downgrade);

        var migrated = open();
        var after = await ScorecardsAsync(migrated);
        foreach (var snapshot in snapshots)
        {
            (await migrated.FindAsync(snapshot.Id, default)).Should().Be(snapshot);
        }

        after.Should().Equal(before);
        after.OfType<GrievanceScorecard>().Sum(s => s.Received).Should().BeGreaterThan(12 * 4, "every grievance is in the first period, of each of four dimensions, and some in the second");
        after.OfType<GrievanceFlow>().Sum(s => s.Disposed).Should().BeGreaterThan(0);
    }

    private static async Task<List<object>> ScorecardsAsync<TStore>(TStore statistics)
        where TStore : IGrievanceStatistics, IGrievanceFlowReports
    {
        var midnight = new DateTimeOffset(Seed.Start.UtcDateTime.Date, TimeSpan.Zero);
        var all = new List<object>();
        foreach (var (from, to) in new[] { (midnight, midnight.AddDays(60)), (Seed.Start.AddHours(1), Seed.Start.AddDays(20)) })
        {
            foreach (var dimension in Enum.GetValues<ScorecardDimension>())
            {
                all.AddRange(await statistics.GetScorecardsAsync(new ScorecardQuery(dimension, from, to, Seed.Start.AddDays(40)), default));
                all.AddRange(await statistics.GetFlowsAsync(new FlowQuery(dimension, from, to), default));
            }
        }

        return all;
    }

    public static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
