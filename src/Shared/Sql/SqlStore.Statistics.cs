using System;
using System.Collections.Generic;
using System.Data.Common;
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
        var key = query.Dimension switch
        {
            ScorecardDimension.Department => "COALESCE(g.department, '')",
            ScorecardDimension.District => "g.district",
            ScorecardDimension.Officer => "COALESCE(g.officer, '')",
            ScorecardDimension.Channel => "g.channel",
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Dimension, "Unknown scorecard dimension."),
        };
        void Bind(DbCommand c)
        {
            SqlColumns.Add(c, "from", query.From.UtcTicks);
            SqlColumns.Add(c, "to", query.To.UtcTicks);
            SqlColumns.Add(c, "as_of", query.AsOf.UtcTicks);
        }

        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (k, median) in await ReadManyAsync(ScorecardSql.Median(key), Bind, r => (r.GetString(0), (SqlColumns.Long(r, 1) + SqlColumns.Long(r, 2)) / 2.0), cancellationToken).ConfigureAwait(false))
        {
            medians.Add(k, median);
        }

        var scorecards = await ReadManyAsync(ScorecardSql.Totals(key), Bind, r => ScorecardSql.Read(r, medians), cancellationToken).ConfigureAwait(false);
        scorecards.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return scorecards;
    }

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
            select.CommandText = $"SELECT id FROM grievances WHERE closed_at < @closed_before AND complainant_id <> @anonymized ORDER BY closed_at, id LIMIT @limit{_dialect.LockRows}";
            SqlColumns.Add(select, "closed_before", closedBefore.UtcTicks);
            SqlColumns.Add(select, "anonymized", Complainant.AnonymizedId);
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

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }
}
