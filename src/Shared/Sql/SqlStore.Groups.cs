using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage.Sql;

// Group commit: the registrations and changes of concurrent writers that wait while a group is at the server go in the next
// group, one transaction (on PostgreSQL one batch that is its own).
internal sealed partial class SqlStore
{
    /// <summary>The most writes one group takes.</summary>
    internal const int LargestGroup = 64;

    /// <summary>Gets the store's write groups: for tests.</summary>
    internal WriteGroups Groups => _groups;

    /// <summary>
    /// Sends a group (<see cref="WriteGroups"/>) and sets each write's error. A write alone goes as it would without groups. A
    /// larger group goes in one transaction (on PostgreSQL one batch that is its own) — its writes in the order of their grievances' ids, so that
    /// groups of several nodes lock rows in one order, and one set of rollup deltas for all of them; if the server refuses any
    /// statement of it, nothing of it was written, and each write is sent again alone, to meet its own fate: a stale change, a
    /// taken command id or reference number fails that write only. A failure that leaves unknown whether the group was written
    /// (the connection lost, say) is every write's: none is sent again, as none would be alone.
    /// </summary>
    private async ValueTask SendGroupAsync(List<GroupedWrite> group, CancellationToken cancellationToken)
    {
        if (group.Count == 1)
        {
            await WriteAloneAsync(group[0], cancellationToken).ConfigureAwait(false);
            return;
        }

        bool written;
        try
        {
            written = await TryWriteTogetherAsync(group).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            foreach (var write in group)
            {
                write.Error = ex;
            }

            return;
        }

        if (!written)
        {
            foreach (var write in group)
            {
                await WriteAloneAsync(write, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends one write in a transaction of its own, and sets its error.</summary>
    private async ValueTask WriteAloneAsync(GroupedWrite write, CancellationToken cancellationToken)
    {
        try
        {
            if (write.Creation is { } creation)
            {
                await CreateAloneAsync(creation, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SaveAloneAsync(write.Change, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            write.Error = ex;
        }
    }

    /// <summary>
    /// Sends the group's writes in one transaction; <see langword="false"/> when one of them was refused, so that nothing of the
    /// group was written: where a batch is its own transaction, the server refused one of its statements
    /// (<see cref="SqlDialect.WroteNothing"/>); elsewhere (SQLite) a write failed, or found its grievance at another version,
    /// before the commit, and the transaction was rolled back.
    /// </summary>
    private async ValueTask<bool> TryWriteTogetherAsync(List<GroupedWrite> group)
    {
        var cancellationToken = CancellationToken.None; // the group is several callers': none of them cancels it for the others
        var ordered = group.OrderBy(w => SqlColumns.Id(w.Id), StringComparer.Ordinal).ToList();
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var rollups = new ScorecardRollups(_shards); // disposed after the transaction ends: gives its shard back
        if (!SqlStatements.CanOwnTransaction(connection, _dialect))
        {
            return await TryWriteInATransactionAsync(connection, ordered, rollups).ConfigureAwait(false);
        }

        await using var batch = SqlStatements.OwnTransaction(connection, _dialect);
        foreach (var write in ordered)
        {
            if (write.Creation is { } creation)
            {
                await DeferCreationAsync(batch, creation, rollups, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await DeferChangeAsync(batch, write.Change, rollups, cancellationToken).ConfigureAwait(false);
            }
        }

        await rollups.WriteAsync(batch, _dialect, cancellationToken).ConfigureAwait(false);
        try
        {
            await CommitAsync(batch, cancellationToken).ConfigureAwait(false); // the batch is sent, and is its commit
            return true;
        }
        catch (DbException ex) when (_dialect.WroteNothing(ex))
        {
            return false;
        }
    }

    /// <summary>
    /// Writes the group statement by statement in a transaction (SQLite): a write that fails, or finds its grievance at another
    /// version, before the commit rolls all of it back, and the group is sent again write by write.
    /// </summary>
    private async ValueTask<bool> TryWriteInATransactionAsync(DbConnection connection, List<GroupedWrite> ordered, ScorecardRollups rollups)
    {
        var cancellationToken = CancellationToken.None;
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var statements = new SqlStatements(connection, transaction, _dialect, defer: true);
        try
        {
            foreach (var write in ordered)
            {
                if (write.Creation is { } creation)
                {
                    await DeferCreationAsync(statements, creation, rollups, cancellationToken).ConfigureAwait(false);
                }
                else if (await SaveOneAsync(statements, write.Change, rollups, savepoint: false, cancellationToken).ConfigureAwait(false) is not null)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                }
            }

            await rollups.WriteAsync(statements, _dialect, cancellationToken).ConfigureAwait(false);
            await statements.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false); // not committed: nothing of the group was written
            return false;
        }

        await CommitAsync(statements, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
