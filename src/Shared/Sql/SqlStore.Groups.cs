using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage.Sql;

// Group commit: the registrations and changes of concurrent writers that wait while a group is at the server go in the next
// group, one batch that is its own transaction.
internal sealed partial class SqlStore
{
    /// <summary>The most writes one group takes.</summary>
    internal const int LargestGroup = 64;

    /// <summary>
    /// How many groups may be at the server at once before writes wait to go together: one. Measured with four writers of a
    /// process, two places sent most writes alone again (the server's CPU a command 616–634 µs, against 422–441 with one).
    /// </summary>
    internal const int GroupPlaces = 1;

    /// <summary>Gets the store's write groups, where a batch is its own transaction: for tests.</summary>
    internal WriteGroups? Groups => _groups;

    /// <summary>
    /// Sends a group (<see cref="WriteGroups"/>) and sets each write's error. A write alone goes as it would without groups. A
    /// larger group goes in one batch that is its own transaction — its writes in the order of their grievances' ids, so that
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
    /// Sends the group's writes in one batch that is its own transaction; <see langword="false"/> when the server refused one of
    /// its statements (<see cref="SqlDialect.WroteNothing"/>), so that nothing of the batch was written.
    /// </summary>
    private async ValueTask<bool> TryWriteTogetherAsync(List<GroupedWrite> group)
    {
        var cancellationToken = CancellationToken.None; // the group is several callers': none of them cancels it for the others
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!SqlStatements.CanOwnTransaction(connection, _dialect))
        {
            return false;
        }

        using var rollups = new ScorecardRollups(_shards); // disposed after the transaction ends: gives its shard back
        await using var batch = SqlStatements.OwnTransaction(connection, _dialect);
        foreach (var write in group.OrderBy(w => SqlColumns.Id(w.Id), StringComparer.Ordinal))
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
}
