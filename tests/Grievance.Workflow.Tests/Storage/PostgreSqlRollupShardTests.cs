using FluentAssertions;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// The shards of the rollup rows on PostgreSQL keep a store's concurrent transactions off each other's rows of a busy key, and
/// only them: transactions one after another write into the same rows, which change in place, instead of each taking the next
/// shard and inserting a row there (round-robin shards spread every key over all eight: a sweep of a freshly loaded database
/// inserted ~4 rollup rows for every 5 it wrote, and scorecards read up to eight rows where one would do).
/// </summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlRollupShardTests() : PostgreSqlSchemaTests("rollup_shards")
{
    [StoreFact]
    public async Task Commands_one_after_another_write_every_rollup_row_in_one_shard()
    {
        await using var store = new PostgreSqlGrievanceStore(Scoped);
        using var seed = new Seed(build: b => b.UseStore(_ => store));
        for (var i = 0; i < 40; i++) // forty transactions, more than there are shards
        {
            var g = await seed.RegisterAsync(i % 2 == 0 ? "electricity" : "land");
            if (i % 3 == 0)
            {
                await seed.ReportAsync(g, i % 2 == 0 ? Seed.OfficerL1 : Seed.RevenueOfficer);
            }
        }

        (await ShardsAsync("grievance_rollups", null)).Should().ContainSingle("one writer at a time keeps to one shard of the scorecard rollups");
        (await ShardsAsync("grievance_flows", null)).Should().ContainSingle("and of the flow rollups");
    }

    /// <summary>
    /// One transaction is held at its rollup write — another, uncommitted, is inserting the flow rows of its district in every
    /// shard — while it holds its scorecard rows of the department, officer and channel it shares with a second transaction. The
    /// second takes another shard, so it neither waits for the first nor shares a row with it.
    /// </summary>
    [StoreFact]
    public async Task A_transaction_writing_while_another_holds_its_rollup_rows_takes_another_shard_and_does_not_wait()
    {
        var application = $"shards-{Guid.NewGuid():N}"[..20];
        await using var store = new PostgreSqlGrievanceStore(new NpgsqlConnectionStringBuilder(Scoped) { ApplicationName = application }.ConnectionString);
        using var seed = new Seed(build: b => b.UseStore(_ => store));
        await store.MigrateAsync();

        await using var held = await HeldFlowRows.HoldAsync(Scoped, "Lucknow", seed.Clock.GetUtcNow());

        var first = seed.Workflow.RegisterAsync(Seed.Complaint()).AsTask(); // in Lucknow: waits on the uncommitted rows
        await HeldFlowRows.WaitUntilWaitingOnALockAsync(Scoped, application);

        var second = seed.Workflow.RegisterAsync(Seed.Complaint(location: new GrievanceLocation("Agra", "Sadar", "Ward 3"))).AsTask();
        (await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(30)))).Should().BeSameAs(second, "the second transaction must not wait on the first one's rows");
        (await second).Grievance.Location.District.Should().Be("Agra");

        await held.ReleaseAsync();
        (await first).Grievance.Location.District.Should().Be("Lucknow");
        var (lucknow, agra) = (await ShardsAsync("grievance_rollups", "Lucknow"), await ShardsAsync("grievance_rollups", "Agra"));
        lucknow.Should().ContainSingle();
        agra.Should().ContainSingle().Which.Should().NotBe(lucknow[0], "the transactions wrote at once, so each took a shard of its own");
    }

    /// <summary>The shards of a rollup table's rows, those of one key only when given.</summary>
    private async Task<List<long>> ShardsAsync(string table, string? key)
    {
        await using var connection = new NpgsqlConnection(Scoped);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT DISTINCT shard FROM {table}{(key is null ? "" : " WHERE key = @key")} ORDER BY shard", connection);
        command.Parameters.AddWithValue("key", (object?)key ?? DBNull.Value);
        var shards = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            shards.Add(reader.GetInt32(0));
        }

        return shards;
    }
}
