using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// The store logic every SQL adapter shares: one transaction per command — or per group of concurrent writers' commands
/// (<see cref="WriteGroups"/>) — covering the grievance row (checked against the expected version), its history row and its outbox
/// rows; parameterized SQL only; schema managed by a version table. Source shared by the adapters, not a public API.
/// </summary>
internal sealed partial class SqlStore
{
    private readonly SqlDialect _dialect;
    private readonly RollupShards _shards; // the rollup rows' shards this store's transactions take
    private readonly ConcurrentDictionary<long, string> _updatesOrFail = new(); // by set of columns (UpdateOrFail)
    private readonly WriteGroups _groups; // concurrent writers' writes go together
    private readonly Func<List<GroupedWrite>, CancellationToken, ValueTask> _sendGroup;
    private readonly object _migrationGate = new();
    private Task? _migration;

    public SqlStore(SqlDialect dialect)
    {
        (_dialect, _shards) = (dialect, new RollupShards(dialect.RollupShards));
        _groups = new WriteGroups(dialect.WriteGroupPlaces, LargestGroup);
        _sendGroup = SendGroupAsync;
    }

    /// <summary>Commits a transaction of this store's and tells the dialect (<see cref="SqlDialect.Committed"/>).</summary>
    private async ValueTask CommitAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _dialect.Committed();
    }

    /// <summary>
    /// Sends the writes the transaction's statements deferred, then commits as <see cref="CommitAsync(DbTransaction, CancellationToken)"/>;
    /// statements that are their own transaction (<see cref="SqlStatements.OwnTransaction"/>) were committed by their batch.
    /// </summary>
    private async ValueTask CommitAsync(SqlStatements statements, CancellationToken cancellationToken)
    {
        await statements.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (statements.Transaction is { } transaction)
        {
            await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _dialect.Committed();
        }
    }

    /// <summary>Creates or upgrades the schema once per store; a failed attempt is tried again on the next call.</summary>
    public ValueTask MigrateAsync(CancellationToken cancellationToken)
    {
        var migration = Volatile.Read(ref _migration);
        if (migration is { IsCompletedSuccessfully: true })
        {
            return default;
        }

        lock (_migrationGate)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = MigrateCoreAsync();
            }

            migration = _migration;
        }

        return new ValueTask(migration.WaitAsync(cancellationToken));
    }

    private async Task MigrateCoreAsync()
    {
        var cancellationToken = CancellationToken.None;
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        if (_dialect.MigrationLock.Length > 0)
        {
            await ExecuteAsync(connection, transaction, _dialect.MigrationLock, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS grievance_schema (version INTEGER NOT NULL)", cancellationToken).ConfigureAwait(false);
        var current = await ScalarAsync(connection, transaction, "SELECT MAX(version) FROM grievance_schema", cancellationToken).ConfigureAwait(false);
        var version = current is null or DBNull ? 0 : Convert.ToInt32(current, System.Globalization.CultureInfo.InvariantCulture);
        for (var next = version + 1; next <= _dialect.Migrations.Length; next++)
        {
            await ExecuteAsync(connection, transaction, _dialect.Migrations[next - 1], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"INSERT INTO grievance_schema (version) VALUES ({next})", cancellationToken).ConfigureAwait(false);
        }

        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);

        // Indexes an import took down and did not build again (it failed, or the process died): built now, before any query.
        await RebuildIndexesAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the schema version.</summary>
    public async ValueTask<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var value = await ScalarAsync(connection, null, "SELECT MAX(version) FROM grievance_schema", cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async ValueTask<T?> ReadOneAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await ReadManyAsync(sql, bind, read, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private async ValueTask<List<T>> ReadManyAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadManyAsync(connection, null, sql, bind, read, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<List<T>> ReadManyAsync<T>(
        DbConnection connection, DbTransaction? transaction, string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Begins the transaction of a read of due work (a claim's, or a plain one where the dialect has settings for it), starting with <see cref="SqlDialect.DueReadSettings"/>.</summary>
    private async ValueTask<DbTransaction> BeginDueReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            if (_dialect.DueReadSettings.Length > 0)
            {
                await ExecuteAsync(connection, transaction, _dialect.DueReadSettings, cancellationToken).ConfigureAwait(false);
            }

            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async ValueTask<int> WriteAsync(DbConnection connection, DbTransaction transaction, string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static ValueTask<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
        => WriteAsync(connection, transaction, sql, static _ => { }, cancellationToken);

    private static async ValueTask<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, Action<DbCommand>? bind = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind?.Invoke(command);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
