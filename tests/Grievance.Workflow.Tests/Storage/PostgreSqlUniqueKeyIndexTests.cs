using FluentAssertions;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// Two unique indexes hold the rows whose key is set only (schema version 20 on PostgreSQL): the history's command-id index, into
/// which every entry without a command id — a sweeper's, an import's, a command sent without one — wrote a NULL no lookup reads,
/// and the outbox's position index, into which every event wrote a NULL until the sequencer gave it a position. Their readers
/// still read them, and a reused command id still fails on its index (the conformance kit's idempotency tests run on PostgreSQL).
/// </summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlUniqueKeyIndexTests() : PostgreSqlSchemaTests("unique_keys")
{
    private static readonly DateTimeOffset DayOne = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [StoreFact]
    public async Task The_command_id_index_holds_only_entries_with_a_command_id_and_a_lookup_by_command_id_reads_it()
    {
        await using var store = await PostgreSqlServer.FillAsync(Scoped, 300, DayOne);
        var (history, withIds) = (
            await PostgreSqlServer.CountAsync(Scoped, "SELECT count(*) FROM history"),
            await PostgreSqlServer.CountAsync(Scoped, "SELECT count(*) FROM history WHERE command_id IS NOT NULL"));

        history.Should().BeGreaterThan(withIds, "imported entries carry no command id");
        (await UniqueOnlyWhereSetAsync("history_command_id_key", "command_id")).Should().BeTrue("the index is unique and holds the entries with a command id only");
        await ReadsAsync("SELECT sequence FROM history WHERE command_id = @command", [("command", "ivr-1")], "history", "history_command_id_key");
    }

    [StoreFact]
    public async Task The_position_index_holds_only_sequenced_events_and_the_dispatchers_read_reads_it()
    {
        await using var store = await PostgreSqlServer.FillAsync(Scoped, 10, DayOne);

        (await UniqueOnlyWhereSetAsync("outbox_position", "position")).Should().BeTrue("the index is unique and holds the events with a position only");
        await ReadsAsync("SELECT position FROM outbox WHERE position > @after ORDER BY position LIMIT 100", [("after", 0L)], "outbox", "outbox_position");
    }

    private async Task<bool> UniqueOnlyWhereSetAsync(string index, string column)
        => await PostgreSqlServer.CountAsync(
            Scoped,
            $"SELECT count(*) FROM pg_index x WHERE x.indexrelid = '{index}'::regclass AND x.indisunique AND pg_get_expr(x.indpred, x.indrelid) = '(' || quote_ident('{column}') || ' IS NOT NULL)'") == 1;

    private async Task ReadsAsync(string sql, List<(string Name, object? Value)> parameters, string table, string index)
    {
        var nodes = await PostgreSqlServer.PlanAsync(Scoped, sql, parameters);
        nodes.Should().Contain(n => n.Relation == table && n.Index == index, string.Join(" | ", nodes.Select(n => $"{n.Type} {n.Relation} {n.Index}")));
    }
}
