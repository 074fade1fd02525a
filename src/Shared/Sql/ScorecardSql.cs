using System.Collections.Generic;
using System.Data.Common;
using Grievance.Workflow.Statistics;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// The scorecard aggregate queries, in SQL that SQLite and PostgreSQL both run unchanged: counts per group over the grievances
/// registered in the period, joined to a per-grievance summary of their history; the median from window functions. Source shared by
/// the adapters, not a public API.
/// </summary>
internal static class ScorecardSql
{
    private const string Cohort = "g.registered_at >= @from AND g.registered_at < @to";

    private const string DisposalSeconds = "(g.closed_at - g.registered_at) / 10000000";

    // One row per grievance of the cohort with the facts its history holds.
    private static readonly string HistorySummary = $"""
        SELECT h.grievance_id,
            SUM(CASE WHEN h.action = {(int)GrievanceAction.RecordSatisfied} THEN 1 ELSE 0 END) AS satisfied,
            SUM(CASE WHEN h.action = {(int)GrievanceAction.RecordDissatisfied} THEN 1 ELSE 0 END) AS dissatisfied,
            MAX(CASE WHEN h.action = {(int)GrievanceAction.RecordDissatisfied} AND h.reason_code = '{HistoryReasonCodes.Reopened}' THEN 1 ELSE 0 END) AS reopened,
            MAX(CASE WHEN h.to_level > h.from_level AND h.action <> {(int)GrievanceAction.Transfer} THEN 1 ELSE 0 END) AS escalated,
            MAX(CASE WHEN h.action = {(int)GrievanceAction.SlaBreach} THEN 1 ELSE 0 END) AS breached,
            MIN(CASE WHEN h.action = {(int)GrievanceAction.RecordDissatisfied} THEN h.sequence END) AS first_dissatisfied,
            MAX(CASE WHEN h.action = {(int)GrievanceAction.ReportAction} THEN h.sequence END) AS last_report
        FROM history h JOIN grievances g ON g.id = h.grievance_id
        WHERE {Cohort}
        GROUP BY h.grievance_id
        """;

    private const int Closed = (int)GrievanceStatus.Closed;

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
            SUM(CASE WHEN g.status = {Closed} AND COALESCE(s.breached, 0) = 0 THEN 1 ELSE 0 END),
            SUM(CASE WHEN g.status = {Closed} THEN {DisposalSeconds} ELSE 0 END),
            SUM(COALESCE(s.satisfied, 0)),
            SUM(COALESCE(s.dissatisfied, 0)),
            SUM(CASE WHEN s.first_dissatisfied IS NOT NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN s.last_report > s.first_dissatisfied THEN 1 ELSE 0 END),
            SUM(COALESCE(s.reopened, 0)),
            SUM(COALESCE(s.escalated, 0)),
            SUM(g.transfer_count)
        FROM grievances g LEFT JOIN ({HistorySummary}) s ON s.grievance_id = g.id
        WHERE {Cohort}
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

    public static GrievanceScorecard Read(DbDataReader r, Dictionary<string, double> medians)
    {
        var key = r.GetString(0);
        return new GrievanceScorecard
        {
            Key = key,
            Received = SqlColumns.Long(r, 1),
            Pending = SqlColumns.Long(r, 2),
            Defaulters = SqlColumns.Long(r, 3),
            Resolved = SqlColumns.Long(r, 4),
            ClosedAtFinalLevel = SqlColumns.Long(r, 5),
            ClosedNoFeedback = SqlColumns.Long(r, 6),
            Rejected = SqlColumns.Long(r, 7),
            Withdrawn = SqlColumns.Long(r, 8),
            Duplicate = SqlColumns.Long(r, 9),
            DisposedWithinTime = SqlColumns.Long(r, 10),
            TotalDisposalSeconds = SqlColumns.Long(r, 11),
            MedianDisposalSeconds = medians.TryGetValue(key, out var median) ? median : null,
            SatisfiedFeedback = SqlColumns.Long(r, 12),
            DissatisfiedFeedback = SqlColumns.Long(r, 13),
            DissatisfiedGrievances = SqlColumns.Long(r, 14),
            Redisposed = SqlColumns.Long(r, 15),
            Reopened = SqlColumns.Long(r, 16),
            Escalated = SqlColumns.Long(r, 17),
            Transfers = SqlColumns.Long(r, 18),
        };
    }
}
