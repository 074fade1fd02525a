using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// One table of running totals the SQL stores keep in the same transaction as their writes: its key columns, its counters and the
/// upsert that adds deltas to them. Source shared by the adapters, not a public API. Thread-safe.
/// </summary>
internal sealed class RollupTable
{
    /// <summary>Scorecards by registration day (a cohort): per dimension, UTC registration day, key, officer due day (−1 for grievances not pending with an officer) and shard.</summary>
    public static readonly RollupTable Cohorts = new(
        "grievance_rollups",
        ["dimension", "cohort_day", "key", "due_day", "shard"],
        [
            "received", "pending", "pending_with_officer", "resolved", "closed_at_final_level", "closed_no_feedback", "rejected", "withdrawn",
            "duplicate", "disposed_within_time", "disposal_seconds", "satisfied_feedback", "dissatisfied_feedback", "dissatisfied_grievances",
            "redisposed", "reopened", "escalated", "transfers",
        ]);

    /// <summary>Flows by the day things happened: per dimension, UTC day, key and shard, the registrations of the day and the closures of the day.</summary>
    public static readonly RollupTable Flows = new(
        "grievance_flows",
        ["dimension", "day", "key", "shard"],
        ["registered", "disposed", "resolved", "closed_at_final_level", "closed_no_feedback", "rejected", "withdrawn", "duplicate", "disposed_within_time", "disposal_seconds"]);

    private readonly Dictionary<int, string> _upserts = new();

    private RollupTable(string name, string[] keyColumns, string[] counters) => (Name, KeyColumns, Counters) = (name, keyColumns, counters);

    public string Name { get; }

    public string[] KeyColumns { get; }

    public string[] Counters { get; }

    /// <summary>The index of a counter.</summary>
    public int this[string counter] => Array.IndexOf(Counters, counter) is var i and >= 0 ? i : throw new ArgumentOutOfRangeException(nameof(counter), counter, "No such counter.");

    /// <summary>The table's DDL.</summary>
    public string Create => $"CREATE TABLE {Name} ({string.Join(", ", KeyColumns.Select(c => c + (c == "key" ? " TEXT NOT NULL" : " INTEGER NOT NULL")))}, "
        + $"{string.Join(", ", Counters.Select(c => c + " BIGINT NOT NULL"))}, PRIMARY KEY ({string.Join(", ", KeyColumns)}));";

    /// <summary>An upsert of <paramref name="rows"/> rows (parameters <c>@r{row}_{column}</c>) that adds each row's counters to the stored ones.</summary>
    public string Upsert(int rows)
    {
        lock (_upserts)
        {
            if (_upserts.TryGetValue(rows, out var cached))
            {
                return cached;
            }

            var columns = KeyColumns.Concat(Counters).ToArray();
            var sql = new StringBuilder("INSERT INTO ").Append(Name).Append(" (").AppendJoin(", ", columns).Append(") VALUES ");
            for (var r = 0; r < rows; r++)
            {
                var p = "@r" + r.ToString(CultureInfo.InvariantCulture) + "_";
                sql.Append(r == 0 ? "(" : ", (").AppendJoin(", ", columns.Select(c => p + c)).Append(')');
            }

            sql.Append(" ON CONFLICT (").AppendJoin(", ", KeyColumns).Append(") DO UPDATE SET ")
                .AppendJoin(", ", Counters.Select(c => $"{c} = {Name}.{c} + excluded.{c}"));
            return _upserts[rows] = sql.ToString();
        }
    }
}
