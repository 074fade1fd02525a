using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Statistics;

namespace Grievance.Workflow.Storage.Sql;

// Scorecards and the retention job's anonymization.
internal sealed partial class SqlStore
{
    public async ValueTask<IReadOnlyList<GrievanceScorecard>> GetScorecardsAsync(ScorecardQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = KeyColumn(query.Dimension);

        // The whole UTC days inside the period come from the rollups, its ragged ends [from, a) and [b, to) from the rows.
        var (wholeDays, fromDay, toDay, a, b) = ScorecardRollups.Split(query.From, query.To);
        var asOfDay = ScorecardRollups.DayOf(query.AsOf.UtcTicks);
        void Bind(DbCommand c)
        {
            SqlColumns.Add(c, "from", query.From.UtcTicks);
            SqlColumns.Add(c, "to", query.To.UtcTicks);
            SqlColumns.Add(c, "as_of", query.AsOf.UtcTicks);
            SqlColumns.Add(c, "a", a);
            SqlColumns.Add(c, "b", b);
        }

        var rows = new List<(string Key, long[] Counters)>();
        rows.AddRange(await ReadManyAsync(ScorecardSql.Totals(key), Bind, ScorecardSql.Read, cancellationToken).ConfigureAwait(false));

        if (wholeDays)
        {
            var rollups = await ReadManyAsync(ScorecardSql.Rollups, c =>
            {
                SqlColumns.Add(c, "dimension", (int)query.Dimension);
                SqlColumns.Add(c, "from_day", fromDay);
                SqlColumns.Add(c, "to_day", toDay);
                SqlColumns.Add(c, "as_of_day", asOfDay);
            }, ScorecardSql.Read, cancellationToken).ConfigureAwait(false);
            rows.AddRange(rollups);
            var dueOnTheDay = await ReadManyAsync(ScorecardSql.DueOnTheDay(key, _dialect.IndexHint), c =>
            {
                Bind(c);
                SqlColumns.Add(c, "as_of_day_start", asOfDay * TimeSpan.TicksPerDay);
            }, r => (r.GetString(0), SqlColumns.Long(r, 1)), cancellationToken).ConfigureAwait(false);
            foreach (var (k, defaulters) in dueOnTheDay)
            {
                var counters = new long[RollupTable.Cohorts.Counters.Length];
                counters[2] = defaulters;
                rows.Add((k, counters));
            }
        }

        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        if (query.IncludeMedian)
        {
            foreach (var (k, median) in await ReadManyAsync(ScorecardSql.Median(key), Bind, r => (r.GetString(0), (SqlColumns.Long(r, 1) + SqlColumns.Long(r, 2)) / 2.0), cancellationToken).ConfigureAwait(false))
            {
                medians.Add(k, median);
            }
        }

        // A key every grievance left (a transfer, a new officer) keeps rollup rows of zeros: no scorecard.
        return Sum(rows, RollupTable.Cohorts.Counters.Length).Where(s => s.Value[0] != 0).Select(s => ScorecardSql.ToScorecard(s.Key, s.Value, medians.TryGetValue(s.Key, out var m) ? m : null)).ToList();
    }

    /// <summary>
    /// The closed grievances still holding a complainant's details, oldest closure first: a search of <c>grievances_retention</c>,
    /// whose condition the query states as written so that the planner can use the partial index whatever the parameters.
    /// </summary>
    internal static readonly string RetentionQuery =
        $"SELECT id FROM grievances WHERE closed_at < @closed_before AND {SqlDialect.RetentionPredicate} ORDER BY closed_at, id LIMIT @limit";

    public async ValueTask<int> AnonymizeClosedBeforeAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = RetentionQuery + _dialect.LockRows;
            SqlColumns.Add(select, "closed_before", closedBefore.UtcTicks);
            SqlColumns.Add(select, "limit", limit);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        foreach (var id in ids)
        {
            await WriteAsync(connection, transaction, "DELETE FROM contacts WHERE grievance_id = @id", c => SqlColumns.Add(c, "id", id), cancellationToken).ConfigureAwait(false);
            await WriteAsync(connection, transaction, "UPDATE grievances SET complainant_id = @anonymized WHERE id = @id", c =>
            {
                SqlColumns.Add(c, "id", id);
                SqlColumns.Add(c, "anonymized", Complainant.AnonymizedId);
            }, cancellationToken).ConfigureAwait(false);

            // The complainant's own entries name them as actor: anonymized in the same write.
            await WriteAsync(connection, transaction, "UPDATE history SET actor_id = @anonymized WHERE grievance_id = @id AND actor_role = @complainant", c =>
            {
                SqlColumns.Add(c, "id", id);
                SqlColumns.Add(c, "anonymized", Complainant.AnonymizedId);
                SqlColumns.Add(c, "complainant", (int)ActorRole.Complainant);
            }, cancellationToken).ConfigureAwait(false);
        }

        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }
}
