using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// The commands of one transaction, one per SQL text, reused with new parameter values: SQLite compiles a statement once per
/// command object, and a batch of like changes then compiles each of its statements once. Source shared by the adapters, not a
/// public API. Not thread-safe: one transaction's.
/// </summary>
internal sealed class SqlStatements : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public SqlStatements(DbConnection connection, DbTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    public DbTransaction Transaction => _transaction;

    /// <summary>The command for a SQL text, its parameters cleared for binding.</summary>
    public DbCommand For(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        _commands.Add(sql, command);
        return command;
    }

    /// <summary>Runs a statement and returns the rows it changed.</summary>
    public async ValueTask<int> ExecuteAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        var command = For(sql);
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a query and returns its first value.</summary>
    public async ValueTask<object?> ScalarAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        var command = For(sql);
        bind(command);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }
}
