using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Sweeping;

namespace Grievance.Workflow.Storage.Sql;

// Sharing work between nodes: claims on due work for sweepers, a lease per outbox handler for dispatchers.
internal sealed partial class SqlStore
{
    /// <summary>
    /// Reads unclaimed due work (on PostgreSQL locking the rows it reads and skipping rows another claimant is locking) and claims
    /// it in the same transaction. The claim is an upsert that succeeds only over a void or expired claim, so of two claimants
    /// racing on one row exactly one gets it, whatever they read.
    /// </summary>
    public async ValueTask<IReadOnlyList<DueWorkItem>> ClaimDueAsync(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        ChangeBatches.ValidateName(claimant, nameof(claimant));
        if (claimedUntil <= dueBy)
        {
            throw new ArgumentOutOfRangeException(nameof(claimedUntil), claimedUntil, $"A claim must last past the sweep's moment {dueBy:O}.");
        }

        var (sql, parameters) = DueQuery(kind, dueBy, limit, after, _dialect.IndexHint, _dialect.LockRows);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var due = new List<DueWorkItem>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = sql;
            Bind(select, parameters);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                due.Add(ReadDueWork(reader));
            }
        }

        if (due.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return due;
        }

        var upsert = new StringBuilder("INSERT INTO due_claims (grievance_id, timer_token, claimed_until, claimant) VALUES ");
        for (var i = 0; i < due.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            upsert.Append(i == 0 ? "(@g" : ", (@g").Append(n).Append(", @t").Append(n).Append(", @until, @claimant)");
        }

        upsert.Append(" ON CONFLICT (grievance_id) DO UPDATE SET timer_token = excluded.timer_token, claimed_until = excluded.claimed_until, claimant = excluded.claimant")
            .Append(" WHERE due_claims.claimed_until <= @now OR due_claims.timer_token <> excluded.timer_token OR due_claims.claimant = excluded.claimant")
            .Append(" RETURNING grievance_id");
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = upsert.ToString();
            for (var i = 0; i < due.Count; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                SqlColumns.Add(insert, "g" + n, SqlColumns.Id(due[i].GrievanceId));
                SqlColumns.Add(insert, "t" + n, due[i].TimerToken);
            }

            SqlColumns.Add(insert, "until", claimedUntil.UtcTicks);
            SqlColumns.Add(insert, "claimant", claimant);
            SqlColumns.Add(insert, "now", dueBy.UtcTicks);
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add(reader.GetString(0));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claimed.Count == due.Count ? due : due.FindAll(item => claimed.Contains(SqlColumns.Id(item.GrievanceId)));
    }

    public async ValueTask ReleaseClaimsAsync(IReadOnlyList<GrievanceId> grievances, string claimant, CancellationToken cancellationToken)
    {
        ChangeBatches.ValidateIds(grievances);
        ChangeBatches.ValidateName(claimant, nameof(claimant));
        if (grievances.Count == 0)
        {
            return;
        }

        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await WriteAsync(connection, transaction, $"DELETE FROM due_claims WHERE claimant = @claimant AND grievance_id {_dialect.InList("ids")}", c =>
        {
            SqlColumns.Add(c, "claimant", claimant);
            _dialect.AddList(c, "ids", grievances.Select(SqlColumns.Id).ToList());
        }, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> TryAcquireLeaseAsync(string handler, string holder, DateTimeOffset now, DateTimeOffset heldUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        ChangeBatches.ValidateName(holder, nameof(holder));
        if (heldUntil <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(heldUntil), heldUntil, $"A lease must last past {now:O}.");
        }

        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var granted = await ScalarAsync(
            connection,
            transaction,
            "INSERT INTO outbox_leases (handler, holder, held_until) VALUES (@handler, @holder, @until) ON CONFLICT (handler) DO UPDATE SET holder = excluded.holder, held_until = excluded.held_until"
                + " WHERE outbox_leases.held_until <= @now OR outbox_leases.holder = excluded.holder RETURNING holder",
            cancellationToken,
            c =>
            {
                SqlColumns.Add(c, "handler", handler);
                SqlColumns.Add(c, "holder", holder);
                SqlColumns.Add(c, "until", heldUntil.UtcTicks);
                SqlColumns.Add(c, "now", now.UtcTicks);
            }).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return granted is string;
    }

    public async ValueTask ReleaseLeaseAsync(string handler, string holder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        ChangeBatches.ValidateName(holder, nameof(holder));
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await WriteAsync(connection, transaction, "DELETE FROM outbox_leases WHERE handler = @handler AND holder = @holder", c =>
        {
            SqlColumns.Add(c, "handler", handler);
            SqlColumns.Add(c, "holder", holder);
        }, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
