using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Statistics;

namespace Grievance.Workflow.Storage.Sql;

// Flow reports: whole days from the flow rollups, the rest from the grievance rows.
internal sealed partial class SqlStore
{
    public async ValueTask<IReadOnlyList<GrievanceFlow>> GetFlowsAsync(FlowQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = KeyColumn(query.Dimension);

        // Days before the one the period starts in make the stock at its start; the period's whole days come from the rollups too. The
        // rest — from the start of that first day to the first whole day, and after the last whole day — from the rows.
        var startDay = ScorecardRollups.DayOf(query.From.UtcTicks);
        var (wholeDays, fromDay, toDay, a, b) = ScorecardRollups.Split(query.From, query.To);
        if (!wholeDays)
        {
            (fromDay, toDay) = (startDay, startDay);
        }

        void Bind(DbCommand c)
        {
            SqlColumns.Add(c, "start", startDay * TimeSpan.TicksPerDay);
            SqlColumns.Add(c, "from", query.From.UtcTicks);
            SqlColumns.Add(c, "to", query.To.UtcTicks);
            SqlColumns.Add(c, "a", a);
            SqlColumns.Add(c, "b", b);
        }

        var rows = await ReadManyAsync(FlowSql.Rollups, c =>
        {
            SqlColumns.Add(c, "dimension", (int)query.Dimension);
            SqlColumns.Add(c, "start_day", startDay);
            SqlColumns.Add(c, "from_day", fromDay);
            SqlColumns.Add(c, "to_day", toDay);
        }, FlowSql.Read, cancellationToken).ConfigureAwait(false);
        rows.AddRange(await ReadManyAsync(FlowSql.Registered(key), Bind, FlowSql.Read, cancellationToken).ConfigureAwait(false));
        rows.AddRange(await ReadManyAsync(FlowSql.Disposed(key), Bind, FlowSql.Read, cancellationToken).ConfigureAwait(false));
        return Sum(rows, FlowSql.Width)
            .Where(s => s.Value[0] != 0 || s.Value[1] != 0 || s.Value[2] != 0)
            .Select(s => FlowSql.ToFlow(s.Key, s.Value))
            .ToList();
    }

    /// <summary>The statistics queries' SQL by name, for plan tests.</summary>
    /// <param name="dimension">The dimension.</param>
    /// <param name="indexHint">The dialect's index hint (<see cref="SqlDialect.IndexHint"/>).</param>
    public static IReadOnlyDictionary<string, string> StatisticsQueries(ScorecardDimension dimension, Func<string, string> indexHint)
    {
        var key = KeyColumn(dimension);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["scorecard rows"] = ScorecardSql.Totals(key),
            ["scorecard rollups"] = ScorecardSql.Rollups,
            ["scorecard defaulters due on the day"] = ScorecardSql.DueOnTheDay(key, indexHint),
            ["flow rollups"] = FlowSql.Rollups,
            ["flow registrations"] = FlowSql.Registered(key),
            ["flow closures"] = FlowSql.Disposed(key),
        };
    }

    /// <summary>The key of a dimension as SQL over the grievance row <c>g</c>, as <see cref="ScorecardDimensionExtensions.KeyOf"/> gives it.</summary>
    private static string KeyColumn(ScorecardDimension dimension) => dimension switch
    {
        ScorecardDimension.Department => "COALESCE(g.department, '')",
        ScorecardDimension.District => "g.district",
        ScorecardDimension.Officer => "COALESCE(g.officer, '')",
        ScorecardDimension.Channel => "g.channel",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown scorecard dimension."),
    };

    /// <summary>Rows of counters summed per key, in key order (ordinal).</summary>
    private static SortedDictionary<string, long[]> Sum(IEnumerable<(string Key, long[] Counters)> rows, int width)
    {
        var sums = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (k, counters) in rows)
        {
            if (!sums.TryGetValue(k, out var sum))
            {
                sums.Add(k, sum = new long[width]);
            }

            for (var i = 0; i < width; i++)
            {
                sum[i] += counters[i];
            }
        }

        return sums;
    }
}
