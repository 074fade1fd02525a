using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Storage.Sql;

// The outbox: appends within a command's transaction, reads, checkpoints, deliveries and pruning.
internal sealed partial class SqlStore
{
    public async ValueTask<int> PruneOutboxAsync(long upToPosition, DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);

        // The oldest events in position order, up to the first that must stay: a prefix, deleted by key ranges.
        var last = 0L;
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT position, occurred_at FROM outbox WHERE position <= @up_to ORDER BY position LIMIT @limit";
            SqlColumns.Add(select, "up_to", upToPosition);
            SqlColumns.Add(select, "limit", limit);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(1) < recordedBefore.UtcTicks)
            {
                last = reader.GetInt64(0);
            }
        }

        if (last == 0)
        {
            return 0;
        }

        // Deliveries are keyed by (handler, position): one key range per handler, and every handler has a checkpoint row.
        await WriteAsync(connection, transaction, "DELETE FROM outbox_deliveries WHERE handler IN (SELECT handler FROM outbox_checkpoints) AND position <= @last", c => SqlColumns.Add(c, "last", last), cancellationToken).ConfigureAwait(false);
        var pruned = await WriteAsync(connection, transaction, "DELETE FROM outbox WHERE position <= @last", c => SqlColumns.Add(c, "last", last), cancellationToken).ConfigureAwait(false);
        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        return pruned;
    }

    public async ValueTask<IReadOnlyList<OutboxCheckpoint>> GetCheckpointsAsync(CancellationToken cancellationToken)
    {
        var checkpoints = await ReadManyAsync(
            "SELECT handler, position FROM outbox_checkpoints",
            static _ => { },
            static reader => new OutboxCheckpoint(reader.GetString(0), reader.GetInt64(1)),
            cancellationToken).ConfigureAwait(false);
        checkpoints.Sort(static (a, b) => string.CompareOrdinal(a.Handler, b.Handler)); // the database's collation need not be ordinal
        return checkpoints;
    }

    public async ValueTask<bool> ForgetHandlerAsync(string handler, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await WriteAsync(connection, transaction, "DELETE FROM outbox_deliveries WHERE handler = @handler", c => SqlColumns.Add(c, "handler", handler), cancellationToken).ConfigureAwait(false);
        var forgotten = await WriteAsync(connection, transaction, "DELETE FROM outbox_checkpoints WHERE handler = @handler", c => SqlColumns.Add(c, "handler", handler), cancellationToken).ConfigureAwait(false);
        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        return forgotten > 0;
    }

    public async ValueTask<IReadOnlyList<OutboxMessage>> ReadOutboxAsync(long afterPosition, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await SequenceOutboxAsync(cancellationToken).ConfigureAwait(false);
        return await ReadManyAsync(
            $"SELECT position, {SqlColumns.Event} FROM outbox WHERE position > @after ORDER BY position LIMIT @limit",
            c =>
            {
                SqlColumns.Add(c, "after", afterPosition);
                SqlColumns.Add(c, "limit", limit);
            },
            SqlColumns.ReadOutbox,
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> GetCheckpointAsync(string handler, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var value = await ScalarAsync(connection, null, "SELECT position FROM outbox_checkpoints WHERE handler = @handler", cancellationToken, c => SqlColumns.Add(c, "handler", handler)).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask RecordDeliveriesAsync(string handler, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        ArgumentNullException.ThrowIfNull(deliveries);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var current = await ScalarAsync(connection, transaction, "SELECT position FROM outbox_checkpoints WHERE handler = @handler", cancellationToken, c => SqlColumns.Add(c, "handler", handler)).ConfigureAwait(false);
        var last = await ScalarAsync(connection, transaction, "SELECT MAX(position) FROM outbox", cancellationToken).ConfigureAwait(false);
        OutboxDeliveries.Validate(
            handler,
            deliveries,
            current is null or DBNull ? 0 : Convert.ToInt64(current, System.Globalization.CultureInfo.InvariantCulture),
            last is null or DBNull ? 0 : Convert.ToInt64(last, System.Globalization.CultureInfo.InvariantCulture));

        await WriteAsync(connection, transaction, "INSERT INTO outbox_checkpoints (handler, position) VALUES (@handler, @position) ON CONFLICT (handler) DO UPDATE SET position = @position", c =>
        {
            SqlColumns.Add(c, "handler", handler);
            SqlColumns.Add(c, "position", deliveries[^1].Position);
        }, cancellationToken).ConfigureAwait(false);

        // One prepared insert, rebound per delivery.
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO outbox_deliveries (handler, position, attempts, delivered_at) VALUES (@handler, @position, @attempts, @delivered_at)";
        SqlColumns.Add(insert, "handler", handler);
        var position = SqlColumns.Add(insert, "position", 0L);
        var attempts = SqlColumns.Add(insert, "attempts", 0);
        var deliveredAt = SqlColumns.Add(insert, "delivered_at", 0L);
        foreach (var delivery in deliveries)
        {
            (position.Value, attempts.Value, deliveredAt.Value) = (delivery.Position, delivery.Attempts, delivery.DeliveredAt.UtcTicks);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the dialect's outbox sequencer when events are waiting for a position (see <see cref="SqlDialect.OutboxSequencer"/>).</summary>
    private async ValueTask SequenceOutboxAsync(CancellationToken cancellationToken)
    {
        if (_dialect.OutboxSequencer.Length == 0)
        {
            return;
        }

        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var waiting = await ScalarAsync(connection, null, "SELECT 1 FROM outbox WHERE position IS NULL LIMIT 1", cancellationToken).ConfigureAwait(false);
        if (waiting is null or DBNull)
        {
            return;
        }

        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, _dialect.OutboxSequencer, cancellationToken).ConfigureAwait(false);
        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
    }
}
