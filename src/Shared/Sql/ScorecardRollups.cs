using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
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
/// Shards spread one busy key over several rows, so that concurrent writers on a server engine rarely wait on one row
/// (<see cref="RollupShards"/>); deltas are written in key order, so two transactions never wait on each other's rows in a cycle.
/// Dispose it once the transaction has committed or rolled back: that gives its shard back.
/// </remarks>
internal sealed class ScorecardRollups : IDisposable
{
    /// <summary>The due day of a cohort row whose grievances are not pending with an officer.</summary>
    public const int NoDueDay = -1;

    private static readonly ScorecardDimension[] Dimensions = [ScorecardDimension.Department, ScorecardDimension.District, ScorecardDimension.Officer, ScorecardDimension.Channel];
    private static readonly RollupTable Cohorts = RollupTable.Cohorts;
    private static readonly RollupTable Flows = RollupTable.Flows;
    private static readonly int Registered = Flows["registered"];

    // The counters' positions, looked up once: a contribution adds to a dozen of them, twice a change.
    private static readonly int CohortReceived = Cohorts["received"];
    private static readonly int CohortPending = Cohorts["pending"];
    private static readonly int CohortPendingWithOfficer = Cohorts["pending_with_officer"];
    private static readonly int CohortWithinTime = Cohorts["disposed_within_time"];
    private static readonly int CohortSeconds = Cohorts["disposal_seconds"];
    private static readonly int CohortSatisfied = Cohorts["satisfied_feedback"];
    private static readonly int CohortDissatisfied = Cohorts["dissatisfied_feedback"];
    private static readonly int CohortDissatisfiedGrievances = Cohorts["dissatisfied_grievances"];
    private static readonly int CohortRedisposed = Cohorts["redisposed"];
    private static readonly int CohortReopened = Cohorts["reopened"];
    private static readonly int CohortEscalated = Cohorts["escalated"];
    private static readonly int CohortTransfers = Cohorts["transfers"];
    private static readonly int CohortAppealed = Cohorts["appealed"];
    private static readonly int CohortAppealsUpheld = Cohorts["appeals_upheld"];
    private static readonly int CohortAppealsAllowed = Cohorts["appeals_allowed"];
    private static readonly int FlowDisposed = Flows["disposed"];
    private static readonly int FlowWithinTime = Flows["disposed_within_time"];
    private static readonly int FlowSeconds = Flows["disposal_seconds"];
    private static readonly int[] CohortOutcomes = OutcomePositions(Cohorts);
    private static readonly int[] FlowOutcomes = OutcomePositions(Flows);

    // Hashed while a transaction adds up (a sorted map cost ~15 µs a change in key comparisons); sorted once when written.
    private readonly Dictionary<RollupKey, long[]> _deltas = new();
    private readonly RollupShards? _shards; // null for a piece written in its whole's shard
    private int _shard = -1; // taken at the first write, given back on disposal

    /// <summary>
    /// Starts a transaction's deltas. Its rows go to one shard, taken from <see cref="RollupShards"/> when they are first written and
    /// held until disposal: concurrent writers of the process land on different rows of a busy key. A shard needs no tie to a
    /// grievance — every query sums all shards, so a delta may take away from another shard what one added (a shard's row alone
    /// means nothing).
    /// </summary>
    /// <param name="shards">The store's shards.</param>
    public ScorecardRollups(RollupShards shards) => _shards = shards;

    /// <summary>A piece of another set's deltas, written in that set's shard (which the piece does not give back).</summary>
    private ScorecardRollups(int shard) => _shard = shard;

    /// <summary>Gives the shard back, if the deltas were written: call it once the transaction has committed or rolled back.</summary>
    public void Dispose()
    {
        if (_shard >= 0 && _shards is not null)
        {
            _shards.Return(_shard);
        }

        _shard = -1;
    }

    /// <summary>The shard the rows are written to, taken at the first call.</summary>
    private int Shard => _shard >= 0 ? _shard : _shard = _shards!.Rent();

    /// <summary>Adds a grievance's contribution (<paramref name="sign"/> 1) or takes it away (−1).</summary>
    public void Add(GrievanceSnapshot g, int sign)
    {
        // The contribution is the same in every dimension: computed once, added to each dimension's rows.
        var cohort = new long[Cohorts.Counters.Length];
        CohortContribution(g, cohort, sign);
        var closedAt = g.IsClosed ? g.ClosedAt : null;
        long[]? closure = null;
        if (closedAt is { } at)
        {
            ClosureContribution(g, at, closure = new long[Flows.Counters.Length], sign);
        }

        var registeredDay = DayOf(g.RegisteredAt.UtcTicks);
        var dueDay = g.Status == GrievanceStatus.PendingWithOfficer && g.DueAt is { } due ? DayOf(due.UtcTicks) : NoDueDay;
        foreach (var dimension in Dimensions)
        {
            var key = dimension.KeyOf(g);
            AddTo(Delta(new RollupKey(0, (int)dimension, registeredDay, key, dueDay), Cohorts), cohort);
            Delta(new RollupKey(1, (int)dimension, registeredDay, key, NoDueDay), Flows)[Registered] += sign;
            if (closure is not null)
            {
                AddTo(Delta(new RollupKey(1, (int)dimension, DayOf(closedAt!.Value.UtcTicks), key, NoDueDay), Flows), closure);
            }
        }

        static void AddTo(long[] delta, long[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                delta[i] += values[i];
            }
        }
    }

    /// <summary>
    /// Adds another set of deltas to these (a batch's, to a first load's running total), to be written in this set's shard: the
    /// batches of a load may have taken several shards, and a total kept per shard would write each key up to once per shard.
    /// </summary>
    public void Add(ScorecardRollups other)
    {
        foreach (var (key, delta) in other._deltas)
        {
            var mine = Delta(key, key.Table == 0 ? Cohorts : Flows);
            for (var i = 0; i < delta.Length; i++)
            {
                mine[i] += delta[i];
            }
        }
    }

    /// <summary>Adds a change: the new snapshot's contribution less the previous one's.</summary>
    public void Add(GrievanceSnapshot previous, GrievanceSnapshot next)
    {
        Add(previous, -1);
        Add(next, 1);
    }

    /// <summary>
    /// Writes the deltas within the transaction, in key order, skipping those that cancel out — one statement per table, its rows
    /// bound as one parameter (or one per column), whatever their number — then forgets them. Where the statements defer writes,
    /// these wait for the transaction's next round trip.
    /// </summary>
    public async ValueTask WriteAsync(SqlStatements statements, SqlDialect dialect, CancellationToken cancellationToken)
    {
        if (_deltas.Count == 0)
        {
            return; // nothing to write: no shard taken
        }

        if (dialect.WritesRollupsRowByRow)
        {
            await WriteRowByRowAsync(statements, cancellationToken).ConfigureAwait(false);
            return;
        }

        var (cohorts, flows) = (Rows(Cohorts, 0, Shard), Rows(Flows, 1, Shard));
        _deltas.Clear();
        if (cohorts is not null && flows is not null && dialect.CombineWrites(Cohorts.Upsert(dialect, "cohorts"), Flows.Upsert(dialect, "flows")) is { } both)
        {
            await statements.DeferAsync(both, c =>
            {
                dialect.AddRows(c, "cohorts", Cohorts.ColumnTypes, cohorts);
                dialect.AddRows(c, "flows", Flows.ColumnTypes, flows);
            }, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (cohorts is not null)
        {
            await statements.DeferAsync(Cohorts.Upsert(dialect, "cohorts"), c => dialect.AddRows(c, "cohorts", Cohorts.ColumnTypes, cohorts), cancellationToken).ConfigureAwait(false);
        }

        if (flows is not null)
        {
            await statements.DeferAsync(Flows.Upsert(dialect, "flows"), c => dialect.AddRows(c, "flows", Flows.ColumnTypes, flows), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the deltas as <see cref="WriteAsync"/> does, but at most <paramref name="rowsPerStatement"/> rows a statement: a first
    /// load's totals run to hundreds of thousands of rows, more than one statement should carry.
    /// </summary>
    public async ValueTask WriteInPiecesAsync(SqlStatements statements, SqlDialect dialect, int rowsPerStatement, CancellationToken cancellationToken)
    {
        if (dialect.WritesRollupsRowByRow)
        {
            await WriteRowByRowAsync(statements, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var piece = new ScorecardRollups(Shard);
        foreach (var (key, delta) in InKeyOrder(_deltas))
        {
            piece._deltas[key] = delta;
            if (piece._deltas.Count == rowsPerStatement)
            {
                await piece.WriteAsync(statements, dialect, cancellationToken).ConfigureAwait(false);
            }
        }

        await piece.WriteAsync(statements, dialect, cancellationToken).ConfigureAwait(false);
        _deltas.Clear();
    }

    /// <summary>
    /// Writes each changed row with its table's one-row upsert of the counters it changes (<see cref="RollupTable.RowUpsert"/>):
    /// each such statement compiled once per transaction and run again with each row's values.
    /// </summary>
    private async ValueTask WriteRowByRowAsync(SqlStatements statements, CancellationToken cancellationToken)
    {
        var shapes = new Dictionary<(int Table, long Counters), (string Sql, string[] Names)>();
        foreach (var (key, delta) in InKeyOrder(_deltas))
        {
            var counters = 0L;
            for (var i = 0; i < delta.Length; i++)
            {
                counters |= delta[i] != 0 ? 1L << i : 0;
            }

            if (counters == 0)
            {
                continue;
            }

            var table = key.Table == 0 ? Cohorts : Flows;
            if (!shapes.TryGetValue((key.Table, counters), out var shape))
            {
                shape = (table.RowUpsert(counters), table.KeyColumns.Concat(table.Counters.Where((_, i) => (counters & (1L << i)) != 0)).ToArray());
                shapes.Add((key.Table, counters), shape);
            }

            var values = new object?[shape.Names.Length];
            (values[0], values[1], values[2]) = (key.Dimension, key.Day, key.Key);
            var next = 3;
            if (table == Cohorts)
            {
                values[next++] = key.DueDay;
            }

            values[next++] = Shard;
            foreach (var value in delta)
            {
                if (value != 0)
                {
                    values[next++] = value;
                }
            }

            await statements.DeferAsync(shape.Sql, shape.Names, values, cancellationToken).ConfigureAwait(false);
        }

        _deltas.Clear();
    }

    /// <summary>
    /// A table's non-zero deltas, column by column in <see cref="RollupTable.ColumnTypes"/>' order (for <see cref="SqlDialect.AddRows"/>),
    /// or <see langword="null"/> for none.
    /// </summary>
    private Array[]? Rows(RollupTable table, int tableIndex, int shard)
    {
        var rows = InKeyOrder(_deltas.Where(d => d.Key.Table == tableIndex && !Array.TrueForAll(d.Value, v => v == 0)));
        if (rows.Count == 0)
        {
            return null;
        }

        var columns = table.ColumnTypes.Select(t => t switch
        {
            RowColumn.Integer => (Array)new int[rows.Count],
            RowColumn.BigInteger => new long[rows.Count],
            _ => new string[rows.Count],
        }).ToArray();
        var counters = table.KeyColumns.Length;
        for (var r = 0; r < rows.Count; r++)
        {
            var (key, delta) = rows[r];
            var c = 0;
            ((int[])columns[c++])[r] = key.Dimension;
            ((int[])columns[c++])[r] = key.Day;
            ((string[])columns[c++])[r] = key.Key;
            if (table == Cohorts)
            {
                ((int[])columns[c++])[r] = key.DueDay;
            }

            ((int[])columns[c])[r] = shard;
            for (var i = 0; i < delta.Length; i++)
            {
                ((long[])columns[counters + i])[r] = delta[i];
            }
        }

        return columns;
    }

    /// <summary>Deltas in key order: the order every transaction writes its rows in, so that two never wait on each other in a cycle.</summary>
    private static List<KeyValuePair<RollupKey, long[]>> InKeyOrder(IEnumerable<KeyValuePair<RollupKey, long[]>> deltas)
    {
        var list = deltas.ToList();
        list.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        return list;
    }

    /// <summary>The position of each outcome's counter in a table, by the outcome's value; -1 for an outcome with none.</summary>
    private static int[] OutcomePositions(RollupTable table)
    {
        var outcomes = Enum.GetValues<GrievanceOutcome>();
        var positions = new int[outcomes.Max(o => (int)o) + 1];
        Array.Fill(positions, -1);
        foreach (var outcome in outcomes)
        {
            positions[(int)outcome] = OutcomeCounter(outcome) is { } counter ? table[counter] : -1;
        }

        return positions;
    }

    /// <summary>An outcome's counter position from <see cref="OutcomePositions"/>, or -1 for none.</summary>
    private static int PositionOf(int[] positions, GrievanceOutcome outcome) => (uint)outcome < (uint)positions.Length ? positions[(int)outcome] : -1;

    /// <summary>The UTC day number (days since 0001-01-01) of an instant in ticks.</summary>
    public static int DayOf(long utcTicks) => (int)(utcTicks / TimeSpan.TicksPerDay);

    /// <summary>
    /// Splits a period into the whole UTC days inside it, [<c>FromDay</c>, <c>ToDay</c>), which the rollups answer, and its ragged
    /// ends [from, <c>A</c>) and [<c>B</c>, to), which the rows answer. A period with no whole day has <c>A</c> = <c>B</c> = to (the
    /// rows answer all of it).
    /// </summary>
    public static (bool WholeDays, int FromDay, int ToDay, long A, long B) Split(DateTimeOffset from, DateTimeOffset to)
    {
        var (fromDay, toDay) = ((int)((from.UtcTicks + TimeSpan.TicksPerDay - 1) / TimeSpan.TicksPerDay), DayOf(to.UtcTicks));
        return fromDay < toDay
            ? (true, fromDay, toDay, fromDay * TimeSpan.TicksPerDay, toDay * TimeSpan.TicksPerDay)
            : (false, fromDay, toDay, to.UtcTicks, to.UtcTicks);
    }

    /// <summary>The counter of an outcome (in both tables), or <see langword="null"/> for none.</summary>
    public static string? OutcomeCounter(GrievanceOutcome outcome) => outcome switch
    {
        GrievanceOutcome.Resolved => "resolved",
        GrievanceOutcome.ClosedAtFinalLevel => "closed_at_final_level",
        GrievanceOutcome.ClosedNoFeedback => "closed_no_feedback",
        GrievanceOutcome.Rejected => "rejected",
        GrievanceOutcome.Withdrawn => "withdrawn",
        GrievanceOutcome.Duplicate => "duplicate",
        GrievanceOutcome.SpecialClosed => "special_closed",
        _ => null,
    };

    private long[] Delta(RollupKey key, RollupTable table)
    {
        ref var delta = ref CollectionsMarshal.GetValueRefOrAddDefault(_deltas, key, out _);
        return delta ??= new long[table.Counters.Length];
    }

    /// <summary>What one grievance adds to its cohort row, with <see cref="GrievanceScorecard"/>'s definitions.</summary>
    private static void CohortContribution(GrievanceSnapshot g, long[] v, int sign)
    {
        var tally = g.Tally;
        v[CohortReceived] += sign;
        if (!g.IsClosed)
        {
            v[CohortPending] += sign;
            v[CohortPendingWithOfficer] += g.Status == GrievanceStatus.PendingWithOfficer && g.DueAt is not null ? sign : 0;
        }
        else
        {
            if (PositionOf(CohortOutcomes, g.Outcome) is var outcome and >= 0)
            {
                v[outcome] += sign;
            }

            v[CohortWithinTime] += tally.Breached ? 0 : sign;
            v[CohortSeconds] += sign * (g.ClosedAt is { } closedAt ? (closedAt.UtcTicks - g.RegisteredAt.UtcTicks) / TimeSpan.TicksPerSecond : 0); // as SQL sums a NULL
        }

        v[CohortSatisfied] += sign * tally.SatisfiedFeedback;
        v[CohortDissatisfied] += sign * tally.DissatisfiedFeedback;
        v[CohortDissatisfiedGrievances] += tally.WasDissatisfied ? sign : 0;
        v[CohortRedisposed] += tally.Redisposed ? sign : 0;
        v[CohortReopened] += tally.Reopened ? sign : 0;
        v[CohortEscalated] += tally.Escalated ? sign : 0;
        v[CohortTransfers] += sign * g.TransferCount;
        v[CohortAppealed] += tally.Appealed ? sign : 0;
        v[CohortAppealsUpheld] += tally.AppealUpheld ? sign : 0;
        v[CohortAppealsAllowed] += tally.AppealAllowed ? sign : 0;
    }

    /// <summary>What one closed grievance adds to the flow row of its closure day, with <see cref="GrievanceFlow"/>'s definitions.</summary>
    private static void ClosureContribution(GrievanceSnapshot g, DateTimeOffset closedAt, long[] v, int sign)
    {
        v[FlowDisposed] += sign;
        if (PositionOf(FlowOutcomes, g.Outcome) is var outcome and >= 0)
        {
            v[outcome] += sign;
        }

        v[FlowWithinTime] += g.Tally.Breached ? 0 : sign;
        v[FlowSeconds] += sign * ((closedAt.UtcTicks - g.RegisteredAt.UtcTicks) / TimeSpan.TicksPerSecond);
    }

    /// <summary>A row of either table, but for the shard: <paramref name="Table"/> 0 for cohorts, 1 for flows (whose rows have no due day).</summary>
    private readonly record struct RollupKey(int Table, int Dimension, int Day, string Key, int DueDay) : IComparable<RollupKey>
    {
        public int CompareTo(RollupKey other)
        {
            var c = Table.CompareTo(other.Table);
            c = c != 0 ? c : Dimension.CompareTo(other.Dimension);
            c = c != 0 ? c : Day.CompareTo(other.Day);
            c = c != 0 ? c : string.CompareOrdinal(Key, other.Key);
            return c != 0 ? c : DueDay.CompareTo(other.DueDay);
        }
    }
}
