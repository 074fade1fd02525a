using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;
using Npgsql;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>The PostgreSQL store never holds one pooled connection while it opens another, so a small pool cannot be exhausted by it.</summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlPoolTests : IAsyncLifetime
{
    private readonly string _schema = $"pool_{Guid.NewGuid():N}";

    private static string ConnectionString => Environment.GetEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable)!;

    public Task InitializeAsync() => ExecuteAsync($"CREATE SCHEMA {_schema}");

    public Task DisposeAsync() => ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");

    [StoreFact]
    public async Task Eight_callers_sharing_a_command_id_on_a_pool_of_four_finish_without_waiting_for_the_pool()
    {
        // Regression: the losing save looked the command id up on a second connection while its own was still open; with a small
        // pool, callers waited out the pool timeout and failed with "connection pool has been exhausted".
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = _schema, MaxPoolSize = 4, Timeout = 5 }.ConnectionString;
        await using var store = new PostgreSqlGrievanceStore(connectionString);
        using var seed = new Seed(build: b => b.UseStore(_ => store));
        var g = await seed.RegisterAsync();

        for (var round = 0; round < 5; round++)
        {
            var command = new AddNote(g.Id, Seed.Agent, $"Complainant called, round {round}.") { CommandId = new CommandId($"call-{round}") };

            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await seed.Workflow.TryExecuteAsync(command))));

            results.Should().OnlyContain(r => r.Succeeded, "no caller may run out of pooled connections (the pool gives up after 5 s)");
            results.Count(r => !r.Value!.IsReplay).Should().Be(1);
        }

        (await seed.Workflow.GetHistoryAsync(g.Id)).Should().HaveCount(6);
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
