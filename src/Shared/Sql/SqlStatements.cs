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
/// before (npgsql/npgsql#3850, open). Where the transaction asks for it and the driver sends batches (Npgsql), writes whose row
/// counts nobody reads wait (<see cref="DeferAsync(string, Action{DbCommand}, CancellationToken)"/>) and go to the server together
/// with the next statement: one round trip instead of one each. Where a batch is a transaction of its own (PostgreSQL: one Sync
/// a batch), the statements may have no transaction at all (<see cref="OwnTransaction"/>): their one batch is it, committed when
/// it has run and rolled back whole when a statement fails, with no <c>BEGIN</c> or <c>COMMIT</c> of its own to wait for. Source
/// shared by the adapters, not a public API. Not thread-safe: one transaction's.
/// </summary>
internal sealed class SqlStatements : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;
    private readonly SqlDialect _dialect;
    private readonly bool _reuse;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IBoundStatement> _bound = new(StringComparer.Ordinal);
    private readonly bool _defers;
    private DbBatch? _deferred; // the writes waiting for the next round trip
    private bool _sent; // whether a batch was sent: statements that are their own transaction send one only
    private DbCommand? _binder; // binds a deferred write's parameters, which then move to its batch command

    /// <summary>Creates the statements of a transaction.</summary>
    /// <param name="connection">The transaction's connection.</param>
    /// <param name="transaction">The transaction; <see langword="null"/> only with <see cref="OwnTransaction"/>.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="defer">
    /// Whether <see cref="DeferAsync(string, Action{DbCommand}, CancellationToken)"/> holds writes back for one round trip where the
    /// driver sends batches; the caller then sends them before it commits (<see cref="FlushAsync"/>). Without, they run at once.
    /// </param>
    public SqlStatements(DbConnection connection, DbTransaction transaction, SqlDialect dialect, bool defer = false)
        : this(connection, dialect, transaction ?? throw new ArgumentNullException(nameof(transaction)), defer)
    {
    }

    private SqlStatements(DbConnection connection, SqlDialect dialect, DbTransaction? transaction, bool defer)
        => (_connection, _transaction, _dialect, _reuse, _defers) = (connection, transaction, dialect, dialect.ReusesCommands, defer && connection.CanCreateBatch);

    /// <summary>
    /// Gets whether a batch sent on the connection outside a transaction is one of its own (<see cref="SqlDialect.BatchIsItsOwnTransaction"/>
    /// and a driver that sends batches): then <see cref="OwnTransaction"/> writes without <c>BEGIN</c> or <c>COMMIT</c>.
    /// </summary>
    public static bool CanOwnTransaction(DbConnection connection, SqlDialect dialect) => dialect.BatchIsItsOwnTransaction && connection.CanCreateBatch;

    /// <summary>
    /// Creates statements that are their own transaction: every write deferred, all sent in one batch by <see cref="FlushAsync"/>,
    /// which commits them together or, when one fails, none. Nothing else runs through them, and nothing after the batch.
    /// </summary>
    /// <exception cref="InvalidOperationException">A batch on this connection is not a transaction of its own (<see cref="CanOwnTransaction"/>).</exception>
    public static SqlStatements OwnTransaction(DbConnection connection, SqlDialect dialect) => CanOwnTransaction(connection, dialect)
        ? new SqlStatements(connection, dialect, null, defer: true)
        : throw new InvalidOperationException($"A batch of {dialect.GetType().Name} on a {connection.GetType().Name} is not a transaction of its own: begin one.");

    /// <summary>Gets the transaction's connection.</summary>
    public DbConnection Connection => _connection;

    /// <summary>Gets the transaction, or <see langword="null"/> where the statements' one batch is its own (<see cref="OwnTransaction"/>).</summary>
    public DbTransaction? Transaction => _transaction;

    /// <summary>The command for a SQL text, with no parameters yet: the one used before, cleared, or a new one.</summary>
    /// <exception cref="InvalidOperationException">
    /// Deferred writes wait: the command would run before them. Or the statements are their own transaction: the command would be another.
    /// </exception>
    public DbCommand For(string sql)
    {
        if (_transaction is null)
        {
            throw new InvalidOperationException($"These statements are one batch, their own transaction; '{sql}' run apart from it would be a transaction of its own.");
        }

        if (_deferred is not null)
        {
            throw new InvalidOperationException($"{_deferred.BatchCommands.Count} deferred writes wait; a command run now would overtake them: send them first (FlushAsync).");
        }

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

    /// <summary>Runs a statement, after any deferred writes, and returns the rows it changed.</summary>
    public async ValueTask<int> ExecuteAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        var command = For(sql);
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a statement with <paramref name="values"/> bound to the parameters <paramref name="names"/> (without <c>@</c>) and
    /// returns the rows it changed: compiled once and bound by position where the dialect can (<see cref="SqlDialect.Compile"/>),
    /// else as a command, after any deferred writes, its parameters positional where the dialect makes them so
    /// (<see cref="SqlDialect.Positional"/>). A SQL text must always come with the same names, in the same order.
    /// </summary>
    public async ValueTask<int> ExecuteAsync(string sql, IReadOnlyList<string> names, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (!_bound.TryGetValue(sql, out var bound) && _dialect.Compile(_connection, sql) is { } compiled)
        {
            _bound.Add(sql, bound = compiled);
        }

        if (bound is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return bound.Execute(names, values);
        }

        var (text, bind) = Bound(sql, names, values);
        return await ExecuteAsync(text, bind, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a write whose row count nobody reads: held back, with the others, for the next statement this transaction runs or for
    /// <see cref="FlushAsync"/>, where these statements defer; else now. A failed write then surfaces when they are sent.
    /// </summary>
    /// <returns>A task that completes when the write is held back, or when it has run.</returns>
    /// <exception cref="InvalidOperationException">The statements are their own transaction, and its batch was sent.</exception>
    public async ValueTask DeferAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        if (!_defers)
        {
            await ExecuteAsync(sql, bind, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_transaction is null && _sent)
        {
            throw new InvalidOperationException("These statements were their own transaction, and its batch was sent: a write now would be another transaction.");
        }

        _binder ??= _connection.CreateCommand();
        _binder.Parameters.Clear();
        bind(_binder);
        var parameters = new DbParameter[_binder.Parameters.Count];
        _binder.Parameters.CopyTo(parameters, 0);
        _binder.Parameters.Clear(); // a parameter belongs to one collection at a time

        _deferred ??= CreateBatch();
        var command = _deferred.CreateBatchCommand();
        command.CommandText = sql;
        command.Parameters.AddRange(parameters);
        _deferred.BatchCommands.Add(command);
    }

    /// <summary>
    /// Runs a write whose row count nobody reads, its values bound to the parameters <paramref name="names"/> (by position where the
    /// dialect makes them positional, <see cref="SqlDialect.Positional"/>), as <see cref="DeferAsync(string, Action{DbCommand}, CancellationToken)"/> does.
    /// </summary>
    public async ValueTask DeferAsync(string sql, IReadOnlyList<string> names, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        if (_defers)
        {
            var (text, bind) = Bound(sql, names, values);
            await DeferAsync(text, bind, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ExecuteAsync(sql, names, values, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends the deferred writes, if any, in one round trip: where the statements are their own transaction, commits them.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_deferred is not { } batch)
        {
            return;
        }

        _deferred = null;
        _sent = true;
        await using (batch.ConfigureAwait(false))
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a query, after any deferred writes, and returns its first value.</summary>
    public async ValueTask<object?> ScalarAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        var command = For(sql);
        bind(command);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Action<DbCommand> Binding(IReadOnlyList<string> names, IReadOnlyList<object?> values) => c =>
    {
        for (var i = 0; i < names.Count; i++)
        {
            SqlColumns.Add(c, names[i], values[i]);
        }
    };

    /// <summary>The text to send and its binding: positional where the dialect makes it so (<see cref="SqlDialect.Positional"/>), else by name.</summary>
    private (string Sql, Action<DbCommand> Bind) Bound(string sql, IReadOnlyList<string> names, IReadOnlyList<object?> values)
        => _dialect.Positional(sql, names) is { } positional ? (positional, ByPosition(values)) : (sql, Binding(names, values));

    private static Action<DbCommand> ByPosition(IReadOnlyList<object?> values) => c =>
    {
        for (var i = 0; i < values.Count; i++)
        {
            var parameter = c.CreateParameter(); // no name: bound by its place
            parameter.Value = values[i] ?? DBNull.Value;
            c.Parameters.Add(parameter);
        }
    };

    private DbBatch CreateBatch()
    {
        var batch = _connection.CreateBatch();
        batch.Transaction = _transaction;
        return batch;
    }

    /// <summary>Disposes the commands; deferred writes not sent are dropped (the transaction, not committed, rolls back; statements that are their own transaction never ran).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_deferred is not null)
        {
            await _deferred.DisposeAsync().ConfigureAwait(false);
        }

        if (_binder is not null)
        {
            await _binder.DisposeAsync().ConfigureAwait(false);
        }

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
