using System.Data.Common;
using System.Linq;
using Grievance.Workflow.Statistics;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// The flow-report queries, in SQL that SQLite and PostgreSQL both run unchanged, all in one layout: the key, then pending at the
/// start, received, disposed, each outcome, disposed within time and disposal seconds. Whole UTC days come from
/// <see cref="RollupTable.Flows"/>; the part of the day the period starts in, and its ragged ends, from the grievance rows (by
/// registration time and by closure time, each from its index). Source shared by the adapters, not a public API.
/// </summary>
internal static class FlowSql
{
    /// <summary>How many counters a row has after its key.</summary>
    public const int Width = 12;

    private static readonly string[] ClosureCounters = RollupTable.Flows.Counters.Skip(2).ToArray(); // the outcomes, within time, seconds, special closures

    /// <summary>Every day before @to_day: the days before @start_day make the stock at the start, [@from_day, @to_day) the period's whole days.</summary>
    public static readonly string Rollups = $"""
        SELECT key,
            SUM(CASE WHEN day < @start_day THEN registered - disposed ELSE 0 END),
            SUM(CASE WHEN day >= @from_day THEN registered ELSE 0 END),
            SUM(CASE WHEN day >= @from_day THEN disposed ELSE 0 END),
            {string.Join(", ", ClosureCounters.Select(c => $"SUM(CASE WHEN day >= @from_day THEN {c} ELSE 0 END)"))}
        FROM grievance_flows
        WHERE dimension = @dimension AND day < @to_day AND (day < @start_day OR day >= @from_day)
        GROUP BY key
        """;

    // The rows not in whole days: [@start, @from) before the period (the stock), [@from, @a) and [@b, @to) in it.
    private static string Ragged(string column) => $"(({column} >= @start AND {column} < @a) OR ({column} >= @b AND {column} < @to))";

    /// <summary>Registrations outside whole days.</summary>
    public static string Registered(string key) => $"""
        SELECT {key} AS k,
            SUM(CASE WHEN g.registered_at < @from THEN 1 ELSE 0 END),
            SUM(CASE WHEN g.registered_at >= @from THEN 1 ELSE 0 END),
            {string.Join(", ", Enumerable.Repeat("0", Width - 2))}
        FROM grievances g
        WHERE {Ragged("g.registered_at")}
        GROUP BY {key}
        """;

    /// <summary>
    /// Closures outside whole days, from <c>grievances_closed</c>: a closure time is set only on closing, and closure is final, so
    /// the status is not asked (asking it would have SQLite read every closed grievance from the status index instead).
    /// </summary>
    public static string Disposed(string key) => $"""
        SELECT {key} AS k,
            -SUM(CASE WHEN g.closed_at < @from THEN 1 ELSE 0 END),
            0,
            SUM(CASE WHEN g.closed_at >= @from THEN 1 ELSE 0 END),
            {string.Join(", ", new[] { GrievanceOutcome.Resolved, GrievanceOutcome.ClosedAtFinalLevel, GrievanceOutcome.ClosedNoFeedback, GrievanceOutcome.Rejected, GrievanceOutcome.Withdrawn, GrievanceOutcome.Duplicate }
                .Select(o => $"SUM(CASE WHEN g.closed_at >= @from AND g.outcome = {(int)o} THEN 1 ELSE 0 END)"))},
            SUM(CASE WHEN g.closed_at >= @from AND (g.tally_flags & {SqlColumns.BreachedFlag}) = 0 THEN 1 ELSE 0 END),
            SUM(CASE WHEN g.closed_at >= @from THEN (g.closed_at - g.registered_at) / 10000000 ELSE 0 END),
            SUM(CASE WHEN g.closed_at >= @from AND g.outcome = {(int)GrievanceOutcome.SpecialClosed} THEN 1 ELSE 0 END)
        FROM grievances g
        WHERE g.closed_at IS NOT NULL AND {Ragged("g.closed_at")}
        GROUP BY {key}
        """;

    /// <summary>Reads a row of any of the queries: the key, then <see cref="Width"/> counters.</summary>
    public static (string Key, long[] Counters) Read(DbDataReader r) => SqlColumns.KeyAndCounters(r, Width);

    /// <summary>A report from summed counters.</summary>
    public static GrievanceFlow ToFlow(string key, long[] c) => new()
    {
        Key = key,
        PendingAtStart = c[0],
        Received = c[1],
        Disposed = c[2],
        Resolved = c[3],
        ClosedAtFinalLevel = c[4],
        ClosedNoFeedback = c[5],
        Rejected = c[6],
        Withdrawn = c[7],
        Duplicate = c[8],
        DisposedWithinTime = c[9],
        TotalDisposalSeconds = c[10],
        SpecialClosed = c[11],
    };
}
