using System.Text.Json;
using FluentAssertions;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Sweeping;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;
using Npgsql;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// PostgreSQL can read a page of due work to claim in its index's order, probing the claims by their key: the "claimed by no one
/// else" check must not force a join of every due row followed by a sort. When the claims' ids were compared under another collation
/// than the grievances', the claims' key could not serve that probe, and at 200,000 grievances PostgreSQL sorted 110,000 due rows
/// for each page (100–170 ms; 3–5 ms in order). A test database is too small for the planner to weigh that choice as it does at scale,
/// so the plan is read with sorts, sequential and bitmap scans priced out: what remains is what the schema makes possible.
/// </summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlClaimPlanTests : IAsyncLifetime
{
    private static readonly DateTimeOffset DayOne = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _schema = $"claim_plans_{Guid.NewGuid():N}";

    private string Scoped => PostgreSqlServer.In(_schema);

    public Task InitializeAsync() => PostgreSqlServer.ExecuteAsync(PostgreSqlServer.ConnectionString, $"CREATE SCHEMA {_schema}");

    public Task DisposeAsync() => PostgreSqlServer.ExecuteAsync(PostgreSqlServer.ConnectionString, $"DROP SCHEMA IF EXISTS {_schema} CASCADE");

    [StoreFact]
    public Task A_claim_of_officers_deadlines_can_read_its_page_in_the_unflagged_deadline_index_order_probing_the_claims_by_key()
        => ReadsInIndexOrderAsync(DueWorkKind.OfficerDeadline, "grievances_officer_due");

    [StoreFact]
    public Task A_claim_of_feedback_windows_can_read_its_page_in_the_feedback_deadline_index_order_probing_the_claims_by_key()
        => ReadsInIndexOrderAsync(DueWorkKind.FeedbackWindow, "grievances_feedback_deadline");

    private async Task ReadsInIndexOrderAsync(DueWorkKind kind, string index)
    {
        await using var store = await FillAsync();
        var dueBy = DayOne.AddDays(60);
        var firstPage = await store.FindDueAsync(kind, dueBy, 100, null, default);
        firstPage.Should().HaveCount(100);

        foreach (var (claims, what) in new[] { (0, "nothing claimed"), (50, "another node holding 50 claims") })
        {
            await ClaimAsync(firstPage.Take(claims), dueBy.AddHours(1));
            foreach (var after in new DueWorkItem?[] { null, firstPage[^1] })
            {
                var (sql, parameters) = PostgreSqlGrievanceStore.ClaimQuery(kind, dueBy, 100, after);
                var nodes = await PlanAsync(sql, parameters);

                var plan = string.Join(" | ", nodes.Select(n => $"{n.Type} {n.Relation} {n.Index}"));
                nodes.Should().NotContain(n => n.Type == "Sort", "{0}, {1}: the page comes in the index's order, unsorted: {2}", what, after is null ? "first page" : "next page", plan);
                nodes.Should().Contain(n => n.Relation == "grievances" && n.Index == index, "{0}: {1}", what, plan);
                nodes.Where(n => n.Relation == "due_claims").Should().OnlyContain(n => n.Index == "due_claims_pkey", "{0}: the claims are probed by key: {1}", what, plan);
            }
        }
    }

    /// <summary>Imports 6,000 grievances over ten days (60% still pending, most of them long overdue) and lets the planner count them.</summary>
    private async Task<PostgreSqlGrievanceStore> FillAsync()
    {
        var store = new PostgreSqlGrievanceStore(Scoped);
        var records = (await Grievance.Workflow.Demo.Import.ImportGenerator.CreateAsync()).Generate(6_000, seed: 5, DayOne, days: 10, pendingPercent: 60).ToList();
        foreach (var batch in records.Chunk(1_000))
        {
            await store.ImportAsync(batch, default);
        }

        await PostgreSqlServer.ExecuteAsync(Scoped, "ANALYZE");
        return store;
    }

    /// <summary>Claims items as another node would, then lets the planner count the claims.</summary>
    private async Task ClaimAsync(IEnumerable<DueWorkItem> items, DateTimeOffset until)
    {
        foreach (var item in items)
        {
            await PostgreSqlServer.ExecuteAsync(
                Scoped,
                "INSERT INTO due_claims (grievance_id, timer_token, claimed_until, claimant) VALUES (@id, @token, @until, 'another-node') ON CONFLICT DO NOTHING",
                ("id", item.GrievanceId.Value.ToString("N")), ("token", item.TimerToken), ("until", until.UtcTicks));
        }

        await PostgreSqlServer.ExecuteAsync(Scoped, "ANALYZE due_claims");
    }

    /// <summary>The nodes of the query's plan for these parameter values, with sorts, sequential and bitmap scans priced out.</summary>
    private async Task<List<(string Type, string? Relation, string? Index)>> PlanAsync(string sql, List<(string Name, object? Value)> parameters)
    {
        await using var connection = new NpgsqlConnection(Scoped);
        await connection.OpenAsync();
        await using (var settings = new NpgsqlCommand("SET enable_sort = off; SET enable_seqscan = off; SET enable_bitmapscan = off", connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var document = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        var nodes = new List<(string, string?, string?)>();
        Walk(document.RootElement[0].GetProperty("Plan"), nodes);
        return nodes;
    }

    private static void Walk(JsonElement node, List<(string Type, string? Relation, string? Index)> nodes)
    {
        nodes.Add((
            node.GetProperty("Node Type").GetString()!,
            node.TryGetProperty("Relation Name", out var relation) ? relation.GetString() : null,
            node.TryGetProperty("Index Name", out var index) ? index.GetString() : null));
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, nodes);
            }
        }
    }
}
