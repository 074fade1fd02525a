using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Statistics;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// The deltas of one transaction to the running totals (<see cref="RollupTable.Cohorts"/> for scorecards, <see cref="RollupTable.Flows"/>
/// for flow reports): a write adds its grievance's new contribution and takes away its old one, so a period's whole days are read
/// from a few thousand rows instead of its grievances. Source shared by the adapters, not a public API. Not thread-safe: one
/// transaction's.
/// </summary>
/// <remarks>
/// A contribution is a function of the snapshot alone (its <see cref="GrievanceSnapshot.Tally"/> holds what the history adds up to).
/// Shards spread one busy key's rows over several rows, so that concurrent writers on a server engine rarely wait on one row; deltas
/// are written in key order, so two transactions never wait on each other's rows in a cycle.
/// </remarks>
internal sealed class ScorecardRollups
{
    /// <summary>The due day of a cohort row whose grievances are not pending with an officer.</summary>
    public const int NoDueDay = -1;

    private static readonly ScorecardDimension[] Dimensions = [ScorecardDimension.Department, ScorecardDimension.District, ScorecardDimension.Officer, ScorecardDimension.Channel];
    private static readonly RollupTable Cohorts = RollupTable.Cohorts;
    private static readonly RollupTable Flows = RollupTable.Flows;

    private readonly SortedDictionary<RollupKey, long[]> _deltas = new();
    private readonly int _shards;

    public ScorecardRollups(int shards) => _shards = shards;

    /// <summary>Adds a grievance's contribution (<paramref name="sign"/> 1) or takes it away (−1).</summary>
    public void Add(GrievanceSnapshot g, int sign)
    {
        var shard = ShardOf(SqlColumns.Id(g.Id), _shards);
        var registeredDay = DayOf(g.RegisteredAt.UtcTicks);
        var dueDay = g.Status == GrievanceStatus.PendingWithOfficer && g.DueAt is { } due ? DayOf(due.UtcTicks) : NoDueDay;
        var closedAt = g.IsClosed ? g.ClosedAt : null;
        foreach (var dimension in Dimensions)
        {
            var key = dimension.KeyOf(g);
            CohortContribution(g, Delta(new RollupKey(0, (int)dimension, registeredDay, key, dueDay, shard), Cohorts), sign);
            Delta(new RollupKey(1, (int)dimension, registeredDay, key, NoDueDay, shard), Flows)[Flows["registered"]] += sign;
            if (closedAt is { } closed)
            {
                ClosureContribution(g, closed, Delta(new RollupKey(1, (int)dimension, DayOf(closed.UtcTicks), key, NoDueDay, shard), Flows), sign);
            }
        }
    }

    /// <summary>Adds a change: the new snapshot's contribution less the previous one's.</summary>
    public void Add(GrievanceSnapshot previous, GrievanceSnapshot next)
    {
        Add(previous, -1);
        Add(next, 1);
    }

    /// <summary>Writes the deltas within the transaction, in key order, skipping those that cancel out; then forgets them.</summary>
    public async ValueTask WriteAsync(SqlStatements statements, int rowsPerStatement, CancellationToken cancellationToken)
    {
        foreach (var table in new[] { Cohorts, Flows })
        {
            var rows = _deltas.Where(d => d.Key.Table == (table == Cohorts ? 0 : 1) && !Array.TrueForAll(d.Value, v => v == 0)).ToList();
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                var chunk = rows.GetRange(start, Math.Min(rowsPerStatement, rows.Count - start));
                await statements.ExecuteAsync(table.Upsert(chunk.Count), c =>
                {
                    for (var r = 0; r < chunk.Count; r++)
                    {
                        var (key, delta) = (chunk[r].Key, chunk[r].Value);
                        var p = "r" + r.ToString(CultureInfo.InvariantCulture) + "_";
                        SqlColumns.Add(c, p + "dimension", key.Dimension);
                        SqlColumns.Add(c, p + table.KeyColumns[1], key.Day);
                        SqlColumns.Add(c, p + "key", key.Key);
                        if (table == Cohorts)
                        {
                            SqlColumns.Add(c, p + "due_day", key.DueDay);
                        }

                        SqlColumns.Add(c, p + "shard", key.Shard);
                        for (var i = 0; i < table.Counters.Length; i++)
                        {
                            SqlColumns.Add(c, p + table.Counters[i], delta[i]);
                        }
                    }
                }, cancellationToken).ConfigureAwait(false);
            }
        }

        _deltas.Clear();
    }

    /// <summary>The UTC day number (days since 0001-01-01) of an instant in ticks.</summary>
    public static int DayOf(long utcTicks) => (int)(utcTicks / TimeSpan.TicksPerDay);

    /// <summary>The shard of a grievance: its id's last byte (two hex digits) modulo the shard count, as the migration computes it.</summary>
    public static int ShardOf(string id, int shards) => shards == 1 ? 0 : int.Parse(id.AsSpan(id.Length - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % shards;

    /// <summary>The counter of an outcome (in both tables), or <see langword="null"/> for none.</summary>
    public static string? OutcomeCounter(GrievanceOutcome outcome) => outcome switch
    {
        GrievanceOutcome.Resolved => "resolved",
        GrievanceOutcome.ClosedAtFinalLevel => "closed_at_final_level",
        GrievanceOutcome.ClosedNoFeedback => "closed_no_feedback",
        GrievanceOutcome.Rejected => "rejected",
        GrievanceOutcome.Withdrawn => "withdrawn",
        GrievanceOutcome.Duplicate => "duplicate",
        _ => null,
    };

    private long[] Delta(RollupKey key, RollupTable table)
    {
        if (!_deltas.TryGetValue(key, out var delta))
        {
            _deltas.Add(key, delta = new long[table.Counters.Length]);
        }

        return delta;
    }

    /// <summary>What one grievance adds to its cohort row, with <see cref="GrievanceScorecard"/>'s definitions.</summary>
    private static void CohortContribution(GrievanceSnapshot g, long[] v, int sign)
    {
        var tally = g.Tally;
        v[Cohorts["received"]] += sign;
        if (!g.IsClosed)
        {
            v[Cohorts["pending"]] += sign;
            v[Cohorts["pending_with_officer"]] += g.Status == GrievanceStatus.PendingWithOfficer && g.DueAt is not null ? sign : 0;
        }
        else
        {
            if (OutcomeCounter(g.Outcome) is { } outcome)
            {
                v[Cohorts[outcome]] += sign;
            }

            v[Cohorts["disposed_within_time"]] += tally.Breached ? 0 : sign;
            v[Cohorts["disposal_seconds"]] += sign * (g.ClosedAt is { } closedAt ? (closedAt.UtcTicks - g.RegisteredAt.UtcTicks) / TimeSpan.TicksPerSecond : 0); // as SQL sums a NULL
        }

        v[Cohorts["satisfied_feedback"]] += sign * tally.SatisfiedFeedback;
        v[Cohorts["dissatisfied_feedback"]] += sign * tally.DissatisfiedFeedback;
        v[Cohorts["dissatisfied_grievances"]] += tally.WasDissatisfied ? sign : 0;
        v[Cohorts["redisposed"]] += tally.Redisposed ? sign : 0;
        v[Cohorts["reopened"]] += tally.Reopened ? sign : 0;
        v[Cohorts["escalated"]] += tally.Escalated ? sign : 0;
        v[Cohorts["transfers"]] += sign * g.TransferCount;
    }

    /// <summary>What one closed grievance adds to the flow row of its closure day, with <see cref="GrievanceFlow"/>'s definitions.</summary>
    private static void ClosureContribution(GrievanceSnapshot g, DateTimeOffset closedAt, long[] v, int sign)
    {
        v[Flows["disposed"]] += sign;
        if (OutcomeCounter(g.Outcome) is { } outcome)
        {
            v[Flows[outcome]] += sign;
        }

        v[Flows["disposed_within_time"]] += g.Tally.Breached ? 0 : sign;
        v[Flows["disposal_seconds"]] += sign * ((closedAt.UtcTicks - g.RegisteredAt.UtcTicks) / TimeSpan.TicksPerSecond);
    }

    /// <summary>A row of either table: <paramref name="Table"/> 0 for cohorts, 1 for flows (whose rows have no due day).</summary>
    private readonly record struct RollupKey(int Table, int Dimension, int Day, string Key, int DueDay, int Shard) : IComparable<RollupKey>
    {
        public int CompareTo(RollupKey other)
        {
            var c = Table.CompareTo(other.Table);
            c = c != 0 ? c : Dimension.CompareTo(other.Dimension);
            c = c != 0 ? c : Day.CompareTo(other.Day);
            c = c != 0 ? c : string.CompareOrdinal(Key, other.Key);
            c = c != 0 ? c : DueDay.CompareTo(other.DueDay);
            return c != 0 ? c : Shard.CompareTo(other.Shard);
        }
    }
}
