using Microsoft.Extensions.Logging;
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
/// so the plan is read with sorts, sequential and bitmap scans priced out: what remains is what the schema makes possible. Then the
/// plan PostgreSQL chooses itself, for claims and plain reads alike, under the settings the store starts each such read with, and
/// that the store does start each with them.
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
        => ReadsInIndexOrderWhateverTheEstimatesAsync(DueWorkKind.OfficerDeadline, "grievances_officer_due", claim: true);

    [StoreFact]
    public Task A_claim_of_feedback_windows_reads_in_index_order_even_when_the_planner_expects_the_page_to_hold_every_due_row()
        => ReadsInIndexOrderWhateverTheEstimatesAsync(DueWorkKind.FeedbackWindow, "grievances_feedback_deadline", claim: true);

    [StoreFact]
    public Task A_plain_read_of_officers_deadlines_reads_in_index_order_even_when_the_planner_expects_the_page_to_hold_every_due_row()
        => ReadsInIndexOrderWhateverTheEstimatesAsync(DueWorkKind.OfficerDeadline, "grievances_officer_due", claim: false);

    [StoreFact]
    public Task A_plain_read_of_feedback_windows_reads_in_index_order_even_when_the_planner_expects_the_page_to_hold_every_due_row()
        => ReadsInIndexOrderWhateverTheEstimatesAsync(DueWorkKind.FeedbackWindow, "grievances_feedback_deadline", claim: false);

    /// <summary>
    /// The plan PostgreSQL chooses itself under the store's own settings for a read of due work, in the state a busy sweep leaves:
    /// the claims' statistics, gathered while pages were claimed, count a thousand claims since released, and the planner expects
    /// a page to hold every due row. Left to itself it hashed the claims, joined every due row and sorted them all for a page, or
    /// read them all in a bitmap scan and sorted them (at 200,000 grievances, 85–100 ms a page for the first pages each connection
    /// planned, against 3–5 ms in order) — a plain read (<c>FindDueAsync</c>, no claims) the latter; the read's transaction prices
    /// sorts out, which leaves it the index's order and a probe of the claims by key for each row.
    /// </summary>
    private async Task ReadsInIndexOrderWhateverTheEstimatesAsync(DueWorkKind kind, string index, bool claim)
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
        var pages = claim ? new (DueWorkItem?, bool)[] { (null, false), (middle, false), (null, true), (middle, true) } : [(null, false), (middle, false)];
        foreach (var (after, whole) in pages)
        {
            // A sweeper's page: a limit above what the planner expects after the cursor, so no early stop discounts the probes.
            var (sql, parameters) = claim
                ? PostgreSqlGrievanceStore.ClaimQuery(kind, dueBy, GrievanceLimits.MaxBatchSize, after, whole)
                : PostgreSqlGrievanceStore.DueQuery(kind, dueBy, GrievanceLimits.MaxBatchSize, after);
            ShouldReadInOrder(await PostgreSqlServer.ChosenPlanAsync(Scoped, sql, parameters, PostgreSqlDialect.InIndexOrder), index, Page(after, whole), claim);
        }
    }

    /// <summary>
    /// The store runs those settings itself: every read of due work it makes — a plain one, a claim of items, a claim of whole
    /// grievances — is the first statement after its transaction's settings, on the same connection, as the plans above are read.
    /// Read from the driver's own log of the commands it sent (a plain read used to go without a transaction or settings).
    /// </summary>
    [StoreFact]
    public async Task Every_read_of_due_work_the_store_sends_comes_right_after_the_settings_that_keep_it_in_index_order()
    {
        (await PostgreSqlServer.FillAsync(Scoped, 200, DayOne)).Dispose();
        using var logs = new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using var dataSource = new NpgsqlDataSourceBuilder(Scoped).UseLoggerFactory(loggers).Build();
        await using var store = new PostgreSqlGrievanceStore(dataSource);
        var dueBy = DayOne.AddDays(60);
        foreach (var kind in new[] { DueWorkKind.OfficerDeadline, DueWorkKind.FeedbackWindow })
        {
            var reads = new (string What, Func<Task> Read)[]
            {
                ("a plain read", async () => await store.FindDueAsync(kind, dueBy, 10, null, default)),
                ("a claim of items", async () => await store.ClaimDueAsync(kind, dueBy, 10, null, "node-a", dueBy.AddMinutes(2), default)),
                ("a claim of whole grievances", async () => await store.ClaimDueGrievancesAsync(kind, dueBy, 10, null, "node-b", dueBy.AddMinutes(2), default)),
            };
            foreach (var (what, read) in reads)
            {
                logs.Collector.Clear();
                await read();
                SentBeforeTheDueRead(logs.Collector.GetSnapshot(), kind).Should()
                    .Equal(["BEGIN", PostgreSqlDialect.InIndexOrder, "the due read"], "{0} of {1} is sent right after its transaction's settings", what, kind);
            }
        }
    }

    /// <summary>
    /// What the driver sent on the due read's connection from the last transaction it began before that read, up to the read:
    /// <c>BEGIN</c>, the commands' texts, and "the due read" for the read itself.
    /// </summary>
    private static List<string> SentBeforeTheDueRead(IReadOnlyList<Microsoft.Extensions.Logging.Testing.FakeLogRecord> records, DueWorkKind kind)
    {
        var dueColumn = kind == DueWorkKind.OfficerDeadline ? "due_at" : "feedback_due_at";
        var sent = records
            .Where(r => r.Message.StartsWith("Starting transaction", StringComparison.Ordinal) || r.Message.StartsWith("Executing command", StringComparison.Ordinal))
            .Select(r => (Connector: r.GetStructuredStateValue("ConnectorId"), Text: r.GetStructuredStateValue("CommandText") is { } text
                ? (text.Contains($"FROM grievances WHERE", StringComparison.Ordinal) && text.Contains($"ORDER BY {dueColumn}, id", StringComparison.Ordinal) ? "the due read" : text)
                : "BEGIN"))
            .ToList();
        var read = sent.FindIndex(s => s.Text == "the due read");
        read.Should().BeGreaterThanOrEqualTo(0, "the store read due work: {0}", string.Join(" | ", sent.Select(s => s.Text)));
        var connection = sent.Take(read + 1).Where(s => s.Connector == sent[read].Connector).Select(s => s.Text).ToList();
        return connection[Math.Max(0, connection.LastIndexOf("BEGIN"))..];
    }

    private static string Page(DueWorkItem? after, bool whole) => $"{(after is null ? "first page" : "next page")}{(whole ? ", whole rows" : "")}";

    /// <summary>The page is read from the due index in its order, unsorted, and a claim's read probes the claims by their key.</summary>
    private static void ShouldReadInOrder(List<(string Type, string? Relation, string? Index)> nodes, string index, string context, bool claim = true)
    {
        var plan = string.Join(" | ", nodes.Select(n => $"{n.Type} {n.Relation} {n.Index}"));
        nodes.Should().NotContain(n => n.Type == "Sort", "{0}: the page comes in the index's order, unsorted: {1}", context, plan);
        nodes.Should().Contain(n => n.Relation == "grievances" && n.Index == index, "{0}: {1}", context, plan);
        var claims = nodes.Where(n => n.Relation == "due_claims").ToList();
        if (claim)
        {
            claims.Should().NotBeEmpty("{0}: {1}", context, plan).And.OnlyContain(n => n.Index == "due_claims_pkey", "{0}: the claims are probed by key: {1}", context, plan);
        }
        else
        {
            claims.Should().BeEmpty("{0}: a plain read leaves the claims alone: {1}", context, plan);
        }
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
