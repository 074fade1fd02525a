using FluentAssertions;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Testing;
using Npgsql;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>Schema version 9 on a PostgreSQL schema written at version 8 (see <see cref="ScorecardRollupMigration"/>).</summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlScorecardRollupMigrationTests : IAsyncLifetime
{
    private readonly string _schema = $"migration_{Guid.NewGuid():N}";

    private static string Server => Environment.GetEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable)!;

    private string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { SearchPath = _schema }.ConnectionString;

    public Task InitializeAsync() => ExecuteAsync(Server, $"CREATE SCHEMA {_schema}");

    public Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return ExecuteAsync(Server, $"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }

    [StoreFact]
    public Task The_migration_fills_the_tally_and_the_rollups_of_existing_grievances()
        => ScorecardRollupMigration.MigratesAsync(() => new PostgreSqlGrievanceStore(ConnectionString), sql => ExecuteAsync(ConnectionString, sql));

    [StoreFact]
    public async Task The_rollup_tables_leave_half_of_each_page_free_so_that_their_updates_stay_on_the_page()
    {
        await using var store = new PostgreSqlGrievanceStore(ConnectionString);
        await store.MigrateAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT relname, array_to_string(reloptions, ',') FROM pg_class WHERE oid IN ('grievance_rollups'::regclass, 'grievance_flows'::regclass) ORDER BY relname", connection);
        var options = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                options.Add($"{reader.GetString(0)}: {reader.GetString(1)}");
            }
        }

        options.Should().Equal("grievance_flows: fillfactor=50", "grievance_rollups: fillfactor=50");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ScorecardRollupMigration.ExecuteAsync(connection, sql);
    }
}
