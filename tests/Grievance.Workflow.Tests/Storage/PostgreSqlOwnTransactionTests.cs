extern alias PostgreSqlAdapter;

using FluentAssertions;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;
using Npgsql;
using SqlStatements = PostgreSqlAdapter::Grievance.Workflow.Storage.Sql.SqlStatements;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// A registration's or a command's writes on PostgreSQL go in one batch outside a transaction, which the server runs as one
/// transaction (Npgsql ends a batch with one Sync): all of it commits, or none. The statements that write so refuse anything that
/// would run apart from their one batch, and a conditional update that changes nothing fails its statement, so that the rest of
/// the batch does not run.
/// </summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlOwnTransactionTests() : PostgreSqlSchemaTests("own_transaction")
{
    [StoreFact]
    public async Task A_batch_that_is_its_own_transaction_commits_all_of_its_writes_or_none()
    {
        await using var dataSource = await TableAsync();
        var dialect = new PostgreSqlDialect(dataSource);

        await WriteAsync(dataSource, dialect, 1, 2);
        var taken = async () => await WriteAsync(dataSource, dialect, 3, 1);

        (await taken.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        (await KeysAsync(dataSource)).Should().Equal([1, 2], "3 went in the batch whose second write failed");
    }

    [StoreFact]
    public async Task Statements_that_are_their_own_transaction_run_nothing_apart_from_their_one_batch()
    {
        await using var dataSource = await TableAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = SqlStatements.OwnTransaction(connection, new PostgreSqlDialect(dataSource));

        batch.Invoking(b => b.For("SELECT 1")).Should().Throw<InvalidOperationException>().WithMessage("*own transaction*");
        await batch.DeferAsync("INSERT INTO t (k) VALUES (1)", _ => { }, default);
        await batch.FlushAsync(default);
        var another = async () => await batch.DeferAsync("INSERT INTO t (k) VALUES (2)", _ => { }, default);

        await another.Should().ThrowAsync<InvalidOperationException>().WithMessage("*another transaction*");
        (await KeysAsync(dataSource)).Should().Equal([1]);
    }

    [StoreFact]
    public async Task An_update_that_changes_nothing_fails_its_statement_and_the_rest_of_its_batch_is_not_written()
    {
        await using var dataSource = await TableAsync();
        var dialect = new PostgreSqlDialect(dataSource);
        await new PostgreSqlGrievanceStore(dataSource).MigrateAsync(); // the schema's function
        await WriteAsync(dataSource, dialect, 1);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = SqlStatements.OwnTransaction(connection, dialect);
        await batch.DeferAsync(dialect.FailUnlessChanged("UPDATE t SET k = 10 WHERE k = 1"), _ => { }, default);
        await batch.DeferAsync(dialect.FailUnlessChanged("UPDATE t SET k = 20 WHERE k = 2"), _ => { }, default);
        await batch.DeferAsync("INSERT INTO t (k) VALUES (3)", _ => { }, default);

        var failed = await batch.Invoking(b => b.FlushAsync(default).AsTask()).Should().ThrowAsync<PostgresException>();

        dialect.IsUnchanged(failed.Which).Should().BeTrue("no row has k = 2: {0}", failed.Which.MessageText);
        (await KeysAsync(dataSource)).Should().Equal([1], "the first update and the insert went in the same batch");
    }

    private async Task<NpgsqlDataSource> TableAsync()
    {
        await PostgreSqlServer.ExecuteAsync(Scoped, "CREATE TABLE IF NOT EXISTS t (k int PRIMARY KEY); TRUNCATE t;");
        return NpgsqlDataSource.Create(Scoped);
    }

    private static async Task WriteAsync(NpgsqlDataSource dataSource, PostgreSqlDialect dialect, params int[] keys)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = SqlStatements.OwnTransaction(connection, dialect);
        foreach (var key in keys)
        {
            await batch.DeferAsync("INSERT INTO t (k) VALUES (@k)", c => c.Parameters.Add(new NpgsqlParameter<int>("k", key)), default);
        }

        await batch.FlushAsync(default);
    }

    private static async Task<List<int>> KeysAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT k FROM t ORDER BY k");
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<int>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetInt32(0));
        }

        return keys;
    }
}
