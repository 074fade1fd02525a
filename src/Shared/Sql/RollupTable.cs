using System;
using System.Collections.Generic;
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
            "redisposed", "reopened", "escalated", "transfers", "special_closed", "appealed", "appeals_upheld", "appeals_allowed",
        ]);

    /// <summary>Flows by the day things happened: per dimension, UTC day, key and shard, the registrations of the day and the closures of the day.</summary>
    public static readonly RollupTable Flows = new(
        "grievance_flows",
        ["dimension", "day", "key", "shard"],
        ["registered", "disposed", "resolved", "closed_at_final_level", "closed_no_feedback", "rejected", "withdrawn", "duplicate", "disposed_within_time", "disposal_seconds", "special_closed"]);

    /// <summary>The counters later schema versions added, with the version: version 9 creates and fills the tables without them.</summary>
    private static readonly Dictionary<string, int> AddedLater = new(StringComparer.Ordinal)
    {
        ["special_closed"] = 10, // special closures
        ["appealed"] = 12, ["appeals_upheld"] = 12, ["appeals_allowed"] = 12, // appeals
    };

    private readonly Dictionary<(Type, string), string> _upserts = new();

    private readonly Dictionary<string, int> _positions;
    private readonly Dictionary<long, string> _rowUpserts = new();

    private RollupTable(string name, string[] keyColumns, string[] counters)
    {
        (Name, KeyColumns, Counters) = (name, keyColumns, counters);
        if (counters.Length > 63)
        {
            throw new InvalidOperationException($"{name} has {counters.Length} counters; a row's changed counters are a 63-bit mask.");
        }

        _positions = counters.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        ColumnTypes = keyColumns.Select(c => c == "key" ? RowColumn.Text : RowColumn.Integer).Concat(counters.Select(_ => RowColumn.BigInteger)).ToArray();
    }

    public string Name { get; }

    public string[] KeyColumns { get; }

    public string[] Counters { get; }

    /// <summary>Gets the type of each column of a row of deltas: the key columns' (the key text, the others integers), then the counters' (64-bit).</summary>
    public RowColumn[] ColumnTypes { get; }

    /// <summary>The counters of schema version 9, which created the table (later versions add the others).</summary>
    public string[] CountersOfVersion9 => Counters.Where(c => !AddedLater.ContainsKey(c)).ToArray();

    /// <summary>The statements of a schema version that add its counters to the table (zero on every existing row).</summary>
    /// <param name="version">The schema version.</param>
    /// <returns>The statements; empty when the version added none to this table.</returns>
    public string AddCountersOf(int version)
        => string.Concat(Counters.Where(c => AddedLater.GetValueOrDefault(c) == version).Select(c => $"ALTER TABLE {Name} ADD COLUMN {c} BIGINT NOT NULL DEFAULT 0;\n"));

    /// <summary>The index of a counter.</summary>
    public int this[string counter] => _positions.TryGetValue(counter, out var i) ? i : throw new ArgumentOutOfRangeException(nameof(counter), counter, "No such counter.");

    /// <summary>The table's DDL as schema version 9 created it.</summary>
    public string Create => $"CREATE TABLE {Name} ({string.Join(", ", KeyColumns.Select(c => c + (c == "key" ? " TEXT NOT NULL" : " INTEGER NOT NULL")))}, "
        + $"{string.Join(", ", CountersOfVersion9.Select(c => c + " BIGINT NOT NULL"))}, PRIMARY KEY ({string.Join(", ", KeyColumns)}));";

    /// <summary>
    /// The upsert of one row that changes the counters in <paramref name="counters"/> (bit <c>i</c> for counter <c>i</c>), its
    /// values bound by column name (<c>@dimension</c>, …, then the counters'): those counters add to the stored ones, and a new row
    /// starts the others at zero. Binding only what changed keeps a closure's rollup rows at ~9 values instead of 27.
    /// </summary>
    public string RowUpsert(long counters)
    {
        lock (_rowUpserts)
        {
            if (_rowUpserts.TryGetValue(counters, out var cached))
            {
                return cached;
            }

            var changed = Counters.Where((_, i) => (counters & (1L << i)) != 0).ToList();
            var columns = KeyColumns.Concat(changed).ToList();
            var zeros = Counters.Where((_, i) => (counters & (1L << i)) == 0).ToList();
            return _rowUpserts[counters] = new StringBuilder("INSERT INTO ").Append(Name).Append(" (").AppendJoin(", ", columns.Concat(zeros)).Append(") VALUES (")
                .AppendJoin(", ", columns.Select(c => "@" + c).Concat(zeros.Select(_ => "0"))).Append(") ON CONFLICT (").AppendJoin(", ", KeyColumns).Append(") DO UPDATE SET ")
                .AppendJoin(", ", changed.Select(c => $"{c} = {Name}.{c} + excluded.{c}"))
                .ToString();
        }
    }

    /// <summary>
    /// The upsert that adds the rows bound under <c>{parameter}</c> (<see cref="SqlDialect.AddRows"/>: the key columns' values, then
    /// the counters', in <see cref="ColumnTypes"/>) to the stored ones: one statement text whatever the number of rows.
    /// </summary>
    public string Upsert(SqlDialect dialect, string parameter)
    {
        lock (_upserts)
        {
            var id = (dialect.GetType(), parameter);
            if (_upserts.TryGetValue(id, out var cached))
            {
                return cached;
            }

            var columns = KeyColumns.Concat(Counters).ToArray();
            return _upserts[id] = new StringBuilder("INSERT INTO ").Append(Name).Append(" (").AppendJoin(", ", columns).Append(") ")
                .Append(dialect.RowsOf(parameter, ColumnTypes))
                .Append(" ON CONFLICT (").AppendJoin(", ", KeyColumns).Append(") DO UPDATE SET ")
                .AppendJoin(", ", Counters.Select(c => $"{c} = {Name}.{c} + excluded.{c}"))
                .ToString();
        }
    }
}
