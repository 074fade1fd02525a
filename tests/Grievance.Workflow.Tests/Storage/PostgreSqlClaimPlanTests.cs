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
public sealed class PostgreSqlClaimPlanTests() : PostgreSqlSchemaTests("claim_plans")
{
    private static readonly DateTimeOffset DayOne = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [StoreFact]
    public Task A_claim_of_officers_deadlines_can_read_its_page_in_the_unflagged_deadline_index_order_probing_the_claims_by_key()
        => ReadsInIndexOrderAsync(DueWorkKind.OfficerDeadline, "grievances_officer_due");

    [StoreFact]
    public Task A_claim_of_feedback_windows_can_read_its_page_in_the_feedback_deadline_index_order_probing_the_claims_by_key()
        => ReadsInIndexOrderAsync(DueWorkKind.FeedbackWindow, "grievances_feedback_deadline");

    private async Task ReadsInIndexOrderAsync(DueWorkKind kind, string index)
    {
        await using var store = await PostgreSqlServer.FillAsync(Scoped, 6_000, DayOne);
        var dueBy = DayOne.AddDays(60);
        var firstPage = await store.FindDueAsync(kind, dueBy, 100, null, default);
        firstPage.Should().HaveCount(100);

        foreach (var (claims, what) in new[] { (0, "nothing claimed"), (50, "another node holding 50 claims") })
        {
            await ClaimAsync(firstPage.Take(claims), dueBy.AddHours(1));
            foreach (var (after, whole) in new (DueWorkItem?, bool)[] { (null, false), (firstPage[^1], false), (null, true), (firstPage[^1], true) })
            {
                // Both forms: the items alone, and the whole rows a sweeper's claim of grievances reads.
                var (sql, parameters) = PostgreSqlGrievanceStore.ClaimQuery(kind, dueBy, 100, after, whole);
                ShouldReadInOrder(await PostgreSqlServer.PlanAsync(Scoped, sql, parameters), index, $"{what}, {Page(after, whole)}");
            }
        }
    }

    [StoreFact]
    public Task A_claim_of_officers_deadlines_reads_in_index_order_even_when_the_planner_expects_the_page_to_hold_every_due_row()
        => ReadsInIndexOrderWhateverTheEstimatesAsync(DueWorkKind.OfficerDeadline, "grievances_officer_due");

    [StoreFact]
    public Task A_claim_of_feedback_windows_reads_in_index_order_even_when_the_planner_expects_the_page_to_hold_every_due_row()
        => ReadsInIndexOrderWhateverTheEstimatesAsync(DueWorkKind.FeedbackWindow, "grievances_feedback_deadline");

    /// <summary>
    /// The plan PostgreSQL chooses itself under the claim transaction's own settings, in the state a busy sweep leaves: the claims'
    /// statistics, gathered while pages were claimed, count a thousand claims since released, and the planner expects a page to
    /// hold every due row. Left to itself it hashed the claims, joined every due row and sorted them all for a page, or read them
    /// all in a bitmap scan and sorted them (at 200,000 grievances, 85–100 ms a page for the first pages each connection planned,
    /// against 3–5 ms in order); the claim's transaction prices sorts out, which leaves it the index's order and a probe of the
    /// claims by key for each row.
    /// </summary>
    private async Task ReadsInIndexOrderWhateverTheEstimatesAsync(DueWorkKind kind, string index)
    {
        await using var store = await PostgreSqlServer.FillAsync(Scoped, 6_000, DayOne, awaitingFeedbackPercent: 30);
        var dueBy = DayOne.AddDays(400); // every timer of the fill run out
        var due = await store.FindDueAsync(kind, dueBy, 1_000, null, default);
        due.Should().HaveCountGreaterThan(100);
        await PostgreSqlServer.ExecuteAsync(
            Scoped,
            "INSERT INTO due_claims (grievance_id, timer_token, claimed_until, claimant) SELECT 'released-' || n, 1, @until, 'another-node' FROM generate_series(1, 1000) AS n",
            ("until", dueBy.AddHours(1).UtcTicks));
        await PostgreSqlServer.ExecuteAsync(Scoped, "ANALYZE due_claims");
        await PostgreSqlServer.ExecuteAsync(Scoped, "DELETE FROM due_claims");

        var middle = due[due.Count / 2];
        foreach (var (after, whole) in new (DueWorkItem?, bool)[] { (null, false), (middle, false), (null, true), (middle, true) })
        {
            // A sweeper's page: a limit above what the planner expects after the cursor, so no early stop discounts the probes.
            var (sql, parameters) = PostgreSqlGrievanceStore.ClaimQuery(kind, dueBy, GrievanceLimits.MaxBatchSize, after, whole);
            ShouldReadInOrder(await PostgreSqlServer.ChosenPlanAsync(Scoped, sql, parameters, PostgreSqlDialect.InIndexOrder), index, Page(after, whole));
        }
    }

    private static string Page(DueWorkItem? after, bool whole) => $"{(after is null ? "first page" : "next page")}{(whole ? ", whole rows" : "")}";

    /// <summary>The page is read from the due index in its order, unsorted, and the claims are probed by their key.</summary>
    private static void ShouldReadInOrder(List<(string Type, string? Relation, string? Index)> nodes, string index, string context)
    {
        var plan = string.Join(" | ", nodes.Select(n => $"{n.Type} {n.Relation} {n.Index}"));
        nodes.Should().NotContain(n => n.Type == "Sort", "{0}: the page comes in the index's order, unsorted: {1}", context, plan);
        nodes.Should().Contain(n => n.Relation == "grievances" && n.Index == index, "{0}: {1}", context, plan);
        nodes.Where(n => n.Relation == "due_claims").Should().OnlyContain(n => n.Index == "due_claims_pkey", "{0}: the claims are probed by key: {1}", context, plan);
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
}
