using System;
using System.Collections.Generic;
using Grievance.Workflow.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Grievance.Workflow.Sqlite;

/// <summary>
/// A statement prepared on the connection's own SQLite handle and run through SQLitePCL's raw API, its parameters bound by the
/// positions looked up once. Microsoft.Data.Sqlite looks each parameter's name up (and converts it to UTF-8) at every execution:
/// a 21-value insert costs ~5.4 µs through it and ~2–2.9 µs this way, and a batch of a thousand changes runs several thousand.
/// It runs within whatever transaction the connection has open; errors are raised as Microsoft.Data.Sqlite raises them.
/// </summary>
internal sealed class SqliteBoundStatement : IBoundStatement
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private int[]? _positions;

    public SqliteBoundStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public int Execute(IReadOnlyList<string> names, IReadOnlyList<object?> values)
    {
        var positions = _positions ??= Positions(names);
        if (positions.Length != values.Count)
        {
            throw new ArgumentException($"The statement has {positions.Length} parameters; {values.Count} values were given.", nameof(values));
        }

        try
        {
            for (var i = 0; i < positions.Length; i++)
            {
                var rc = values[i] switch
                {
                    null or DBNull => raw.sqlite3_bind_null(_statement, positions[i]),
                    string text => raw.sqlite3_bind_text(_statement, positions[i], text),
                    long number => raw.sqlite3_bind_int64(_statement, positions[i], number),
                    int number => raw.sqlite3_bind_int(_statement, positions[i], number),
                    bool flag => raw.sqlite3_bind_int(_statement, positions[i], flag ? 1 : 0),
                    var other => throw new ArgumentException($"No binding for a value of type {other.GetType().Name} (parameter {names[i]}).", nameof(values)),
                };
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            var step = raw.sqlite3_step(_statement);
            if (step is not (raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                SqliteException.ThrowExceptionForRC(step, _db);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private int[] Positions(IReadOnlyList<string> names)
    {
        var positions = new int[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            positions[i] = raw.sqlite3_bind_parameter_index(_statement, "@" + names[i]);
            if (positions[i] == 0)
            {
                throw new ArgumentException($"The statement has no parameter @{names[i]}.", nameof(names));
            }
        }

        if (raw.sqlite3_bind_parameter_count(_statement) != names.Count)
        {
            throw new ArgumentException($"The statement has {raw.sqlite3_bind_parameter_count(_statement)} parameters; {names.Count} names were given.", nameof(names));
        }

        return positions;
    }
}
