using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// The commands of one transaction, one per SQL text. Where the dialect reuses commands (SQLite, which compiles a statement once
/// per command object) a command is run again with new parameter values, so a batch of like changes compiles each statement once.
/// Elsewhere each use gets a new command: Npgsql prepares by SQL text per connection whatever the command object, and an
/// automatically prepared Npgsql command whose parameters were replaced binds the replaced ones again — the values of the use
/// before (npgsql/npgsql#3850, open). Source shared by the adapters, not a public API. Not thread-safe: one transaction's.
/// </summary>
internal sealed class SqlStatements : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly SqlDialect _dialect;
    private readonly bool _reuse;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IBoundStatement> _bound = new(StringComparer.Ordinal);

    public SqlStatements(DbConnection connection, DbTransaction transaction, SqlDialect dialect)
        => (_connection, _transaction, _dialect, _reuse) = (connection, transaction, dialect, dialect.ReusesCommands);

    public DbTransaction Transaction => _transaction;

    /// <summary>The command for a SQL text, with no parameters yet: the one used before, cleared, or a new one.</summary>
    public DbCommand For(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            if (_reuse)
            {
                command.Parameters.Clear();
                return command;
            }

            command.Dispose();
        }

        command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        _commands[sql] = command;
        return command;
    }

    /// <summary>Runs a statement and returns the rows it changed.</summary>
    public async ValueTask<int> ExecuteAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        var command = For(sql);
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a statement with <paramref name="values"/> bound to the parameters <paramref name="names"/> (without <c>@</c>) and
    /// returns the rows it changed: compiled once and bound by position where the dialect can (<see cref="SqlDialect.Compile"/>),
    /// else as a command. A SQL text must always come with the same names, in the same order.
    /// </summary>
    public async ValueTask<int> ExecuteAsync(string sql, IReadOnlyList<string> names, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        if (!_bound.TryGetValue(sql, out var bound) && _dialect.Compile(_connection, sql) is { } compiled)
        {
            _bound.Add(sql, bound = compiled);
        }

        if (bound is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return bound.Execute(names, values);
        }

        return await ExecuteAsync(sql, c =>
        {
            for (var i = 0; i < names.Count; i++)
            {
                SqlColumns.Add(c, names[i], values[i]);
            }
        }, cancellationToken).ConfigureAwait(false);
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
        foreach (var statement in _bound.Values)
        {
            statement.Dispose();
        }

        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }
}
