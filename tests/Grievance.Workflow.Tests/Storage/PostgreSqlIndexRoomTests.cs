using FluentAssertions;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;
using Npgsql;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// The grievance table's indexes leave room in their leaves (schema version 21 on PostgreSQL): every update that changes an indexed
/// column adds an entry to each index beside the old one, and in packed leaves that meant a pass looking for old versions to
/// delete, then a split. The setting is kept with each index, so a first load's rebuild keeps it, and a schema written before it
/// gets it on its indexes and on the definitions of any a first load holds down. A host's own indexes on the table — of a kind
/// without a fill factor, or on an expression — are left as they are.
/// </summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlIndexRoomTests() : PostgreSqlSchemaTests("index_room")
{
    private static readonly string Room = $"fillfactor={PostgreSqlDialect.GrievanceIndexFillFactor}";

    [StoreFact]
    public async Task Every_index_of_the_grievance_table_leaves_room_and_keeps_it_through_a_first_loads_rebuild()
    {
        await using var store = new PostgreSqlGrievanceStore(Scoped);
        await store.MigrateAsync();
        var indexes = await IndexOptionsAsync();

        indexes.Should().HaveCountGreaterThan(10).And.OnlyContain(i => i.Options == Room, "every index of the table takes an entry for each update that moves its row");
        var suspended = await store.SuspendIndexesAsync(default);
        suspended.Should().BeGreaterThan(5);
        (await PostgreSqlServer.CountAsync(Scoped, $"SELECT count(*) FROM deferred_indexes WHERE definition LIKE 'CREATE INDEX %' AND definition NOT LIKE '% WITH (fillfactor=''{PostgreSqlDialect.GrievanceIndexFillFactor}'')%'")).Should().Be(0, "a held-down index keeps its room in its definition");
        await store.RebuildIndexesAsync(default);
        (await IndexOptionsAsync()).Should().BeEquivalentTo(indexes, "the rebuilt indexes are the same, with the same room");
    }

    [StoreFact]
    public async Task A_schema_written_before_version_21_gets_the_room_on_its_indexes_and_on_those_a_first_load_holds_down()
    {
        // A host's own index on an expression: held down by a first load and built again with the others, its definition as it was.
        var indexes = await MigratedAsync(thenSuspend: "CREATE INDEX host_district_lower ON grievances (lower(district))");
        await AsAtVersion20Async();
        NpgsqlConnection.ClearAllPools();

        await using var after = new PostgreSqlGrievanceStore(Scoped);
        (await after.MigrateAsync()).Should().BeGreaterThanOrEqualTo(21);

        (await IndexOptionsAsync()).Should().BeEquivalentTo(
            [.. indexes, ("host_district_lower", string.Empty)],
            "the migration sets the room on the indexes in place and on those it builds again after the interrupted load, a host's expression index as it was");
    }

    [StoreFact]
    public async Task A_hosts_own_index_of_a_kind_without_room_is_left_as_it_is()
    {
        var indexes = await MigratedAsync();
        await AsAtVersion20Async();
        await PostgreSqlServer.ExecuteAsync(Scoped, "CREATE INDEX host_description_search ON grievances USING gin (to_tsvector('simple', description))");
        NpgsqlConnection.ClearAllPools();

        await using var after = new PostgreSqlGrievanceStore(Scoped);
        (await after.MigrateAsync()).Should().BeGreaterThanOrEqualTo(21, "a GIN index has no fill factor to set, and the migration does not try");

        (await IndexOptionsAsync()).Should().BeEquivalentTo([.. indexes, ("host_description_search", string.Empty)]);
    }

    /// <summary>
    /// Migrates a store to the newest version and reads its indexes; with <paramref name="thenSuspend"/>, then runs that statement
    /// and takes the secondary indexes down as a first load does, leaving them down.
    /// </summary>
    private async Task<List<(string Name, string Options)>> MigratedAsync(string? thenSuspend = null)
    {
        await using var store = new PostgreSqlGrievanceStore(Scoped);
        await store.MigrateAsync();
        var indexes = await IndexOptionsAsync();
        if (thenSuspend is not null)
        {
            await PostgreSqlServer.ExecuteAsync(Scoped, thenSuspend);
            await store.SuspendIndexesAsync(default);
        }

        return indexes;
    }

    /// <summary>Version 20 as it was: no room on the indexes, none in the held-down definitions (as pg_get_indexdef wrote them then); version 22, which follows, is forgotten too (it only replaces a function).</summary>
    private async Task AsAtVersion20Async()
    {
        await PostgreSqlServer.ExecuteAsync(Scoped, """
            DO $$ DECLARE i record; BEGIN
                FOR i IN SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = 'grievances'::regclass
                LOOP EXECUTE format('ALTER INDEX %I RESET (fillfactor)', i.relname); END LOOP;
            END $$;
            UPDATE deferred_indexes SET definition = regexp_replace(definition, ' WITH \(fillfactor=[^)]*\)', '');
            DELETE FROM grievance_schema WHERE version IN (21, 22);
            """);
        (await IndexOptionsAsync()).Should().OnlyContain(i => i.Options == string.Empty);
    }

    private async Task<List<(string Name, string Options)>> IndexOptionsAsync()
    {
        await using var connection = new NpgsqlConnection(Scoped);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT c.relname, coalesce(array_to_string(c.reloptions, ','), '') FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = 'grievances'::regclass ORDER BY 1",
            connection);
        var indexes = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }
}
