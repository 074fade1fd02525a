using FluentAssertions;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// Every round trip of a command on PostgreSQL is a wait on the network and two wake-ups, on a desk's busiest path. A registration's
/// writes (grievance, history, contact details, outbox, rollups) and a command's conditional write with its rollups each reach the
/// server in one batch that is its own transaction: the writes and the commit in one round trip. They took six and five round trips,
/// one per statement, then two (the writes, then <c>COMMIT</c>). Read from what the driver logs it sent.
/// </summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlRoundTripTests() : PostgreSqlSchemaTests("round_trips")
{
    [StoreFact]
    public async Task A_registration_sends_all_its_writes_and_their_commit_in_one_round_trip()
    {
        using var logs = new FakeLoggerProvider();
        await using var seed = await SeedAsync(logs);
        logs.Collector.Clear();

        await seed.Seed.RegisterAsync("electricity");

        var sent = Sent(logs.Collector.GetSnapshot());
        sent.Should().NotContain(["BEGIN", "COMMIT"], "the batch is its own transaction: {0}", string.Join(" | ", sent));
        var writes = sent.Where(s => s.Contains("INSERT", StringComparison.Ordinal)).ToList();
        writes.Should().ContainSingle("every write goes in one batch: {0}", string.Join(" | ", sent));
        writes[0].Should().ContainAll("INSERT INTO grievances", "INSERT INTO history", "INSERT INTO contacts", "INSERT INTO outbox", "INSERT INTO grievance_rollups", "INSERT INTO grievance_flows");
    }

    [StoreFact]
    public async Task A_command_sends_its_conditional_write_its_rollups_and_their_commit_in_one_round_trip()
    {
        using var logs = new FakeLoggerProvider();
        await using var seed = await SeedAsync(logs);
        var g = await seed.Seed.RegisterAsync("electricity");
        logs.Collector.Clear();

        await seed.Seed.ReportAsync(g, Seed.OfficerL1);

        var sent = Sent(logs.Collector.GetSnapshot());
        sent.Should().NotContain(["BEGIN", "COMMIT"], "the batch is its own transaction: {0}", string.Join(" | ", sent));
        var writes = sent.Where(s => s.Contains("UPDATE", StringComparison.Ordinal) || s.Contains("INSERT", StringComparison.Ordinal)).ToList();
        writes.Should().ContainSingle("every write goes in one batch: {0}", string.Join(" | ", sent));
        writes[0].Should().ContainAll("UPDATE grievances", "grievance_changed(", "INSERT INTO history", "INSERT INTO outbox", "INSERT INTO grievance_rollups");
        writes[0].IndexOf("UPDATE grievances", StringComparison.Ordinal).Should()
            .BeLessThan(writes[0].IndexOf("INSERT INTO", StringComparison.Ordinal), "the update runs first: a refused change stops the batch before anything else is written, and the grievance row is locked before rollup rows, as in every other write");
    }

    private async Task<LoggedSeed> SeedAsync(FakeLoggerProvider logs)
    {
        var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var dataSource = new NpgsqlDataSourceBuilder(Scoped).UseLoggerFactory(loggers).Build();
        var store = new PostgreSqlGrievanceStore(dataSource);
        await store.MigrateAsync();
        return new LoggedSeed(loggers, dataSource, store, new Seed(build: b => b.UseStore(_ => store)));
    }

    /// <summary>What the driver sent, a round trip each: the statements of each, or <c>BEGIN</c> and <c>COMMIT</c> where it began or committed a transaction.</summary>
    private static List<string> Sent(IReadOnlyList<FakeLogRecord> records) => records
        .Where(r => r.Message.StartsWith("Executing ", StringComparison.Ordinal) || r.Message.StartsWith("Starting transaction", StringComparison.Ordinal) || r.Message.StartsWith("Committ", StringComparison.Ordinal))
        .Select(r => r.Message.StartsWith("Starting transaction", StringComparison.Ordinal) ? "BEGIN" : r.Message.StartsWith("Committ", StringComparison.Ordinal) ? "COMMIT" : r.Message)
        .ToList();

    private sealed record LoggedSeed(ILoggerFactory Loggers, NpgsqlDataSource DataSource, PostgreSqlGrievanceStore Store, Seed Seed) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Seed.Dispose();
            await Store.DisposeAsync();
            await DataSource.DisposeAsync();
            Loggers.Dispose();
        }
    }
}
