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
/// server in one round trip before the commit — they took six and five, one per statement. Read from what the driver logs it sent.
/// </summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlRoundTripTests() : PostgreSqlSchemaTests("round_trips")
{
    [StoreFact]
    public async Task A_registration_sends_all_its_writes_in_one_round_trip_before_its_commit()
    {
        using var logs = new FakeLoggerProvider();
        await using var seed = await SeedAsync(logs);
        logs.Collector.Clear();

        await seed.Seed.RegisterAsync("electricity");

        var trips = RoundTripsOfTheTransaction(logs.Collector.GetSnapshot());
        trips.Should().HaveCount(2, "the writes, then the commit: {0}", string.Join(" | ", trips));
        trips[0].Should().ContainAll("INSERT INTO grievances", "INSERT INTO history", "INSERT INTO contacts", "INSERT INTO outbox", "INSERT INTO grievance_rollups", "INSERT INTO grievance_flows");
        trips[1].Should().Be("COMMIT");
    }

    [StoreFact]
    public async Task A_command_sends_its_conditional_write_and_its_rollups_in_one_round_trip_before_its_commit()
    {
        using var logs = new FakeLoggerProvider();
        await using var seed = await SeedAsync(logs);
        var g = await seed.Seed.RegisterAsync("electricity");
        logs.Collector.Clear();

        await seed.Seed.ReportAsync(g, Seed.OfficerL1);

        var trips = RoundTripsOfTheTransaction(logs.Collector.GetSnapshot());
        trips.Should().HaveCount(2, "the write, then the commit: {0}", string.Join(" | ", trips));
        trips[0].Should().ContainAll("UPDATE grievances", "INSERT INTO history", "INSERT INTO outbox", "INSERT INTO grievance_rollups");
        trips[0].IndexOf("UPDATE grievances", StringComparison.Ordinal).Should()
            .BeLessThan(trips[0].IndexOf("INSERT INTO grievance_rollups", StringComparison.Ordinal), "the grievance row is locked before rollup rows, as in every other write");
        trips[1].Should().Be("COMMIT");
    }

    private async Task<LoggedSeed> SeedAsync(FakeLoggerProvider logs)
    {
        var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var dataSource = new NpgsqlDataSourceBuilder(Scoped).UseLoggerFactory(loggers).Build();
        var store = new PostgreSqlGrievanceStore(dataSource);
        await store.MigrateAsync();
        return new LoggedSeed(loggers, dataSource, store, new Seed(build: b => b.UseStore(_ => store)));
    }

    /// <summary>What the driver sent within the last transaction it began, a round trip each: the statements of each, or <c>COMMIT</c>.</summary>
    private static List<string> RoundTripsOfTheTransaction(IReadOnlyList<FakeLogRecord> records)
    {
        var begin = records.ToList().FindLastIndex(r => r.Message.StartsWith("Starting transaction", StringComparison.Ordinal));
        begin.Should().BeGreaterThanOrEqualTo(0, "the store began a transaction");
        return records.Skip(begin)
            .Where(r => r.Message.StartsWith("Executing ", StringComparison.Ordinal) || r.Message.StartsWith("Committ", StringComparison.Ordinal))
            .Select(r => r.Message.StartsWith("Committ", StringComparison.Ordinal) ? "COMMIT" : r.Message)
            .ToList();
    }

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
