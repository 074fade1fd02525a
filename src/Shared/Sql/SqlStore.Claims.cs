using System;
using System.Collections.Generic;
using System.Data.Common;
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
    /// <summary>Claims due work (<see cref="ClaimAsync(DueWorkKind, DateTimeOffset, int, DueWorkItem?, string, DateTimeOffset, bool, CancellationToken)"/>), its items only.</summary>
    public async ValueTask<IReadOnlyList<DueWorkItem>> ClaimDueAsync(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
        => (await ClaimAsync(kind, dueBy, limit, after, claimant, claimedUntil, whole: false, cancellationToken).ConfigureAwait(false)).ConvertAll(c => c.Item);

    /// <summary>Claims as <see cref="ClaimDueAsync"/> does, reading the claimed grievances' whole rows in the same query.</summary>
    public async ValueTask<IReadOnlyList<GrievanceSnapshot>> ClaimDueGrievancesAsync(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
        => (await ClaimAsync(kind, dueBy, limit, after, claimant, claimedUntil, whole: true, cancellationToken).ConfigureAwait(false)).ConvertAll(c => c.Grievance!);

    /// <summary>
    /// Reads unclaimed due work (on PostgreSQL locking the rows it reads and skipping rows another claimant is locking) and claims
    /// it in the same transaction; with <paramref name="whole"/>, each item's grievance comes with it, from the same read. The
    /// claim is an upsert that succeeds only over a void or expired claim, so of two claimants racing on one row exactly one gets
    /// it, whatever they read. A row lost in such a race (another claimant's claim committed after this read began) is made up for
    /// by reading on past the page, so that a page comes back short only when nothing more is due and unclaimed: a sweeper takes a
    /// short page for the last one.
    /// </summary>
    private async ValueTask<List<(DueWorkItem Item, GrievanceSnapshot? Grievance)>> ClaimAsync(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, bool whole, CancellationToken cancellationToken)
    {
        ChangeBatches.ValidateName(claimant, nameof(claimant));
        if (claimedUntil <= dueBy)
        {
            throw new ArgumentOutOfRangeException(nameof(claimedUntil), claimedUntil, $"A claim must last past the sweep's moment {dueBy:O}.");
        }

        ValidateDue(kind, limit);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginDueReadAsync(connection, cancellationToken).ConfigureAwait(false);

        var claimed = new List<(DueWorkItem Item, GrievanceSnapshot? Grievance)>();
        for (var cursor = after; claimed.Count < limit;)
        {
            var wanted = limit - claimed.Count;
            var read = await ReadUnclaimedAsync(connection, transaction, kind, dueBy, wanted, cursor, whole, cancellationToken).ConfigureAwait(false);
            if (read.Count > 0)
            {
                var won = await ClaimAsync(connection, transaction, read, claimant, claimedUntil, dueBy, cancellationToken).ConfigureAwait(false);
                claimed.AddRange(won.Count == read.Count ? read : read.FindAll(due => won.Contains(SqlColumns.Id(due.Item.GrievanceId))));
            }

            if (read.Count < wanted)
            {
                break; // nothing more is due and unclaimed
            }

            cursor = read[^1].Item;
        }

        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        return claimed;
    }

    /// <summary>
    /// A page of due work no one else holds a live claim on, after the cursor, in due order (rows locked where the dialect locks);
    /// with <paramref name="whole"/>, each with its grievance read from the same row.
    /// </summary>
    private async ValueTask<List<(DueWorkItem Item, GrievanceSnapshot? Grievance)>> ReadUnclaimedAsync(
        DbConnection connection, DbTransaction transaction, DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, bool whole, CancellationToken cancellationToken)
    {
        var (sql, parameters) = DueQuery(kind, dueBy, limit, after, _dialect.IndexHint, _dialect.LockRows, whole);
        var due = new List<(DueWorkItem Item, GrievanceSnapshot? Grievance)>();
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = sql;
        Bind(select, parameters);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (whole)
            {
                var grievance = SqlColumns.ReadGrievance(reader);
                due.Add((DueWorkItem.Of(grievance, kind), grievance));
            }
            else
            {
                due.Add((ReadDueWork(reader), null));
            }
        }

        return due;
    }

    /// <summary>The columns of the claimed items bound as rows (<see cref="SqlDialect.RowsOf"/>): the grievance id and the timer token.</summary>
    private static readonly RowColumn[] ClaimColumns = [RowColumn.Text, RowColumn.BigInteger];

    /// <summary>
    /// Claims the items for the claimant over void or expired claims only; returns the ids it won. Where the dialect binds rows as
    /// one parameter, the items go as two arrays, so the statement's text is the same for every page (prepared once, nothing to
    /// parse); elsewhere as a list of values, two parameters an item.
    /// </summary>
    private async ValueTask<HashSet<string>> ClaimAsync(
        DbConnection connection, DbTransaction transaction, List<(DueWorkItem Item, GrievanceSnapshot? Grievance)> due, string claimant, DateTimeOffset claimedUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Columns = "INSERT INTO due_claims (grievance_id, timer_token, claimed_until, claimant) ";
        const string OverVoidOrExpired = " ON CONFLICT (grievance_id) DO UPDATE SET timer_token = excluded.timer_token, claimed_until = excluded.claimed_until, claimant = excluded.claimant"
            + " WHERE due_claims.claimed_until <= @now OR due_claims.timer_token <> excluded.timer_token OR due_claims.claimant = excluded.claimant"
            + " RETURNING grievance_id";
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        if (_dialect.BindsRows)
        {
            insert.CommandText = $"{Columns}SELECT r.g, r.t, @until, @claimant FROM ({_dialect.RowsOf("claims", ClaimColumns)}) AS r(g, t){OverVoidOrExpired}";
            var (ids, tokens) = (new string[due.Count], new long[due.Count]);
            for (var i = 0; i < due.Count; i++)
            {
                (ids[i], tokens[i]) = (SqlColumns.Id(due[i].Item.GrievanceId), due[i].Item.TimerToken);
            }

            _dialect.AddRows(insert, "claims", ClaimColumns, [ids, tokens]);
        }
        else
        {
            var values = new StringBuilder(Columns).Append("VALUES ");
            for (var i = 0; i < due.Count; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                values.Append(i == 0 ? "(@g" : ", (@g").Append(n).Append(", @t").Append(n).Append(", @until, @claimant)");
                SqlColumns.Add(insert, "g" + n, SqlColumns.Id(due[i].Item.GrievanceId));
                SqlColumns.Add(insert, "t" + n, due[i].Item.TimerToken);
            }

            insert.CommandText = values.Append(OverVoidOrExpired).ToString();
        }

        SqlColumns.Add(insert, "until", claimedUntil.UtcTicks);
        SqlColumns.Add(insert, "claimant", claimant);
        SqlColumns.Add(insert, "now", now.UtcTicks);
        var won = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            won.Add(reader.GetString(0));
        }

        return won;
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
        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
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
        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
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
        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
    }
}
