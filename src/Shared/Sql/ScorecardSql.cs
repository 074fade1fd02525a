using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using Grievance.Workflow.Statistics;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// The scorecard aggregate queries, in SQL that SQLite and PostgreSQL both run unchanged: the whole days of a period from the daily
/// rollups (<see cref="ScorecardRollups"/>), its ragged ends from the grievance rows (whose tally columns hold what the history adds
/// up to), both in the same column layout; the median from window functions. Source shared by the adapters, not a public API.
/// </summary>
internal static class ScorecardSql
{
    // The grievance rows of the period's ragged ends: [@from, @a) and [@b, @to).
    private const string Edges = "((g.registered_at >= @from AND g.registered_at < @a) OR (g.registered_at >= @b AND g.registered_at < @to))";

    private const string Cohort = "g.registered_at >= @from AND g.registered_at < @to";

    private const string DisposalSeconds = "(g.closed_at - g.registered_at) / 10000000";

    private const int Closed = (int)GrievanceStatus.Closed;

    private static string Flag(int flag) => $"SUM(CASE WHEN (g.tally_flags & {flag}) <> 0 THEN 1 ELSE 0 END)";

    public static string Totals(string key) => $"""
        SELECT {key} AS k,
            COUNT(*),
            SUM(CASE WHEN g.status <> {Closed} THEN 1 ELSE 0 END),
            SUM(CASE WHEN g.status = {(int)GrievanceStatus.PendingWithOfficer} AND g.due_at < @as_of THEN 1 ELSE 0 END),
            SUM(CASE WHEN g.outcome = {(int)GrievanceOutcome.Resolved} THEN 1 ELSE 0 END),
            SUM(CASE WHEN g.outcome = {(int)GrievanceOutcome.ClosedAtFinalLevel} THEN 1 ELSE 0 END),
            SUM(CASE WHEN g.outcome = {(int)GrievanceOutcome.ClosedNoFeedback} THEN 1 ELSE 0 END),
            SUM(CASE WHEN g.outcome = {(int)GrievanceOutcome.Rejected} THEN 1 ELSE 0 END),
            SUM(CASE WHEN g.outcome = {(int)GrievanceOutcome.Withdrawn} THEN 1 ELSE 0 END),
            SUM(CASE WHEN g.outcome = {(int)GrievanceOutcome.Duplicate} THEN 1 ELSE 0 END),
            SUM(CASE WHEN g.status = {Closed} AND (g.tally_flags & {SqlColumns.BreachedFlag}) = 0 THEN 1 ELSE 0 END),
            SUM(CASE WHEN g.status = {Closed} THEN {DisposalSeconds} ELSE 0 END),
            SUM(g.satisfied_feedback),
            SUM(g.dissatisfied_feedback),
            SUM(CASE WHEN g.dissatisfied_feedback > 0 THEN 1 ELSE 0 END),
            {Flag(SqlColumns.RedisposedFlag)},
            {Flag(SqlColumns.ReopenedFlag)},
            {Flag(SqlColumns.EscalatedFlag)},
            SUM(g.transfer_count),
            SUM(CASE WHEN g.outcome = {(int)GrievanceOutcome.SpecialClosed} THEN 1 ELSE 0 END),
            {Flag(SqlColumns.AppealedFlag)},
            {Flag(SqlColumns.AppealUpheldFlag)},
            {Flag(SqlColumns.AppealAllowedFlag)}
        FROM grievances g
        WHERE {Edges}
        GROUP BY {key}
        """;

    /// <summary>The whole days [@from_day, @to_day) from the rollups, in <see cref="Totals"/>'s layout; defaulters due before the day of @as_of.</summary>
    public static readonly string Rollups = $"""
        SELECT key,
            {string.Join(", ", RollupTable.Cohorts.Counters.Select(c => c == "pending_with_officer"
                ? "SUM(CASE WHEN due_day >= 0 AND due_day < @as_of_day THEN pending_with_officer ELSE 0 END)"
                : $"SUM({c})"))}
        FROM grievance_rollups
        WHERE dimension = @dimension AND cohort_day >= @from_day AND cohort_day < @to_day
        GROUP BY key
        """;

    /// <summary>The defaulters of the whole days whose deadline falls on the day of @as_of, before it: the one figure the rollups leave to the rows.</summary>
    /// <param name="key">The dimension's key over the grievance row <c>g</c>.</param>
    /// <param name="indexHint">The dialect's index hint, given <c>grievances_status_due</c> (the day's deadlines are a narrow range of it).</param>
    public static string DueOnTheDay(string key, Func<string, string> indexHint) => $"""
        SELECT {key} AS k, COUNT(*)
        FROM grievances g{indexHint("grievances_status_due")}
        WHERE {SqlDialect.StatusAndOpenness(GrievanceStatus.PendingWithOfficer, "g.")} AND g.due_at >= @as_of_day_start AND g.due_at < @as_of
            AND g.registered_at >= @a AND g.registered_at < @b
        GROUP BY {key}
        """;

    // The two middle values of each group's sorted disposal times (the same row twice for an odd count).
    public static string Median(string key) => $"""
        SELECT k, MIN(d), MAX(d) FROM (
            SELECT {key} AS k, {DisposalSeconds} AS d,
                ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY {DisposalSeconds}) AS rn,
                COUNT(*) OVER (PARTITION BY {key}) AS n
            FROM grievances g
            WHERE {Cohort} AND g.status = {Closed}) t
        WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2
        GROUP BY k
        """;

    /// <summary>Reads a row of <see cref="Totals"/> or <see cref="Rollups"/>: the key, then the counters in the order of <see cref="RollupTable.Cohorts"/>' counters.</summary>
    public static (string Key, long[] Counters) Read(DbDataReader r) => SqlColumns.KeyAndCounters(r, RollupTable.Cohorts.Counters.Length);

    /// <summary>A scorecard from summed counters.</summary>
    public static GrievanceScorecard ToScorecard(string key, long[] c, double? median) => new()
    {
        Key = key,
        Received = c[0],
        Pending = c[1],
        Defaulters = c[2],
        Resolved = c[3],
        ClosedAtFinalLevel = c[4],
        ClosedNoFeedback = c[5],
        Rejected = c[6],
        Withdrawn = c[7],
        Duplicate = c[8],
        DisposedWithinTime = c[9],
        TotalDisposalSeconds = c[10],
        MedianDisposalSeconds = median,
        SatisfiedFeedback = c[11],
        DissatisfiedFeedback = c[12],
        DissatisfiedGrievances = c[13],
        Redisposed = c[14],
        Reopened = c[15],
        Escalated = c[16],
        Transfers = c[17],
        SpecialClosed = c[18],
        Appealed = c[19],
        AppealsUpheld = c[20],
        AppealsAllowed = c[21],
    };
}
