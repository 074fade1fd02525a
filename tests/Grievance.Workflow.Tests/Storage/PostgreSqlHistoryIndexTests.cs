using FluentAssertions;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// The history's command-id index (schema version 20 on PostgreSQL) holds the entries that have a command id only: entries
/// without one — a sweeper's, an import's, a command sent without an id — wrote a NULL into it that no lookup reads. A lookup by
/// command id still reads it, and a reused id still fails on it (the conformance kit's idempotency tests run on PostgreSQL too).
/// </summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlHistoryIndexTests() : PostgreSqlSchemaTests("history_index")
{
    private static readonly DateTimeOffset DayOne = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [StoreFact]
    public async Task The_command_id_index_holds_only_entries_with_a_command_id_and_a_lookup_by_command_id_reads_it()
    {
        await using var store = await PostgreSqlServer.FillAsync(Scoped, 300, DayOne);
        var (history, withIds) = (
            await PostgreSqlServer.CountAsync(Scoped, "SELECT count(*) FROM history"),
            await PostgreSqlServer.CountAsync(Scoped, "SELECT count(*) FROM history WHERE command_id IS NOT NULL"));
        var partialAndUnique = await PostgreSqlServer.CountAsync(
            Scoped,
            "SELECT count(*) FROM pg_index x WHERE x.indexrelid = 'history_command_id_key'::regclass AND x.indisunique"
                + " AND pg_get_expr(x.indpred, x.indrelid) = '(command_id IS NOT NULL)'");

        history.Should().BeGreaterThan(withIds, "imported entries carry no command id");
        partialAndUnique.Should().Be(1, "the index is unique and holds the entries with a command id only");
        var nodes = await PostgreSqlServer.PlanAsync(Scoped, "SELECT sequence FROM history WHERE command_id = @command", [("command", "ivr-1")]);
        nodes.Should().Contain(n => n.Relation == "history" && n.Index == "history_command_id_key", string.Join(" | ", nodes.Select(n => $"{n.Type} {n.Relation} {n.Index}")));
    }
}
