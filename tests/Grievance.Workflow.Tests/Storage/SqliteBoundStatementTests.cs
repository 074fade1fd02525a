using FluentAssertions;
using Grievance.Workflow.Sqlite;
using Microsoft.Data.Sqlite;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// The SQLite store's statements bound by position (a batch's history, outbox, update and rollup statements, a first load's
/// inserts) write what Microsoft.Data.Sqlite's commands would, within the connection's transaction, and fail as they would.
/// </summary>
public sealed class SqliteBoundStatementTests : IDisposable
{
    private readonly SqliteFile _file = new();

    [Fact]
    public async Task A_statement_bound_by_position_writes_each_kind_of_value_in_the_transaction_and_reuses_its_positions()
    {
        await using var connection = await OpenAsync();
        await using var transaction = connection.BeginTransaction();
        string[] names = ["name", "count", "ticks", "flag", "note"];
        using (var insert = new SqliteBoundStatement(connection, "INSERT INTO t (name, count, ticks, flag, note) VALUES (@name, @count, @ticks, @flag, @note)"))
        {
            insert.Execute(names, ["first", 1, 638_000_000_000_000_000L, true, null]).Should().Be(1);
            insert.Execute(names, ["second", 2, 5L, false, DBNull.Value]).Should().Be(1);
        }

        using (var update = new SqliteBoundStatement(connection, "UPDATE t SET count = count + @by WHERE name <> @name"))
        {
            update.Execute(["by", "name"], [10, "nobody"]).Should().Be(2, "the rows it changed");
        }

        await transaction.RollbackAsync();
        (await ScalarAsync(connection, "SELECT COUNT(*) FROM t")).Should().Be(0L, "the statements ran in the transaction that was rolled back");
    }

    [Fact]
    public async Task A_statement_bound_by_position_reads_back_as_a_command_wrote_it()
    {
        await using var connection = await OpenAsync();
        using (var insert = new SqliteBoundStatement(connection, "INSERT INTO t (name, count, ticks, flag, note) VALUES (@name, @count, @ticks, @flag, @note)"))
        {
            insert.Execute(["note", "flag", "ticks", "count", "name"], ["नोट", true, long.MaxValue, int.MinValue, "शिकायत"]);
        }

        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT name, count, ticks, flag, note FROM t";
        await using var reader = await read.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        (reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetBoolean(3), reader.GetString(4)).Should().Be(("शिकायत", int.MinValue, long.MaxValue, true, "नोट"));
    }

    [Fact]
    public async Task A_unique_violation_is_raised_as_Microsoft_Data_Sqlite_raises_it_and_the_statement_runs_again()
    {
        await using var connection = await OpenAsync();
        using var insert = new SqliteBoundStatement(connection, "INSERT INTO t (name, count, ticks, flag, note) VALUES (@name, 0, 0, 0, NULL)");
        insert.Execute(["name"], ["taken"]);

        var refused = ((Action)(() => insert.Execute(["name"], ["taken"]))).Should().Throw<SqliteException>().Which;

        refused.SqliteErrorCode.Should().Be(19);
        refused.Message.Should().Contain("UNIQUE constraint failed: t.name");
        insert.Execute(["name"], ["free"]).Should().Be(1, "the statement was reset after the failure");
    }

    [Fact]
    public async Task A_name_the_statement_lacks_or_a_value_of_another_type_is_refused()
    {
        await using var connection = await OpenAsync();
        using (var missing = new SqliteBoundStatement(connection, "INSERT INTO t (name, count, ticks, flag) VALUES (@name, 0, 0, 0)"))
        {
            ((Action)(() => missing.Execute(["nome"], ["x"]))).Should().Throw<ArgumentException>().WithMessage("*@nome*");
        }

        using var insert = new SqliteBoundStatement(connection, "INSERT INTO t (name, count, ticks, flag) VALUES (@name, 0, 0, 0)");
        ((Action)(() => insert.Execute(["name"], [1.5]))).Should().Throw<ArgumentException>().WithMessage("*Double*name*");
        ((Func<SqliteBoundStatement>)(() => new SqliteBoundStatement(connection, "INSERT INTO nowhere VALUES (1)"))).Should().Throw<SqliteException>().WithMessage("*no such table: nowhere*");
    }

    public void Dispose() => _file.Dispose();

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS t (name TEXT NOT NULL UNIQUE, count INTEGER NOT NULL, ticks INTEGER NOT NULL, flag INTEGER NOT NULL, note TEXT NULL)";
        await create.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
