using Grievance.Workflow.Sqlite;
using Microsoft.Data.Sqlite;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>Schema version 9 on a SQLite file written at version 8 (see <see cref="ScorecardRollupMigration"/>).</summary>
public sealed class SqliteScorecardRollupMigrationTests : IDisposable
{
    private readonly SqliteFile _file = new();

    [Fact]
    public Task The_migration_fills_the_tally_and_the_rollups_of_existing_grievances()
        => ScorecardRollupMigration.MigratesAsync(() => new SqliteGrievanceStore(_file.ConnectionString), async sql =>
        {
            _file.ClearPool();
            await using var connection = new SqliteConnection(_file.ConnectionString);
            await connection.OpenAsync();
            await ScorecardRollupMigration.ExecuteAsync(connection, sql);
        });

    public void Dispose() => _file.Dispose();
}
