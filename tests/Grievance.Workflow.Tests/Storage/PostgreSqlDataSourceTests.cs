using FluentAssertions;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>The PostgreSQL store on a data source the host owns: given, or the one registered in the container, and left open.</summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlDataSourceTests : IAsyncLifetime
{
    private readonly string _schema = $"source_{Guid.NewGuid():N}";

    private static string Server => Environment.GetEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable)!;

    private static bool HasServer => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable));

    // Regression: without a server the class's one test that needs none failed here, opening a connection with no connection string.
    public Task InitializeAsync() => HasServer ? ExecuteAsync(Server, $"CREATE SCHEMA {_schema}") : Task.CompletedTask;

    public Task DisposeAsync() => HasServer ? ExecuteAsync(Server, $"DROP SCHEMA IF EXISTS {_schema} CASCADE") : Task.CompletedTask;

    [StoreFact]
    public async Task The_store_uses_the_data_source_registered_in_the_container_and_leaves_it_open()
    {
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Server) { SearchPath = _schema, MaxAutoPrepare = 16 }.ConnectionString);
        GrievanceSnapshot registered;
        using (var seed = new Seed(build: b =>
        {
            b.Services.AddSingleton(dataSource);
            b.UsePostgreSqlStore();
        }))
        {
            registered = await seed.ReportAsync(await seed.RegisterAsync());
        }

        // The container disposed the store; the host's data source still serves, and holds what the store wrote.
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM grievances", connection);
        (await command.ExecuteScalarAsync()).Should().Be(registered.Version);
    }

    [StoreFact]
    public async Task A_store_given_a_data_source_reads_and_writes_through_it()
    {
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Server) { SearchPath = _schema }.ConnectionString);
        using var seed = new Seed(build: b => b.UsePostgreSqlStore(dataSource));

        var g = await seed.RegisterAsync();

        (await new PostgreSqlGrievanceStore(dataSource).FindAsync(g.Id, default)).Should().Be(g);
    }

    [Fact]
    public void Without_a_registered_data_source_the_store_says_how_to_register_one()
    {
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow().UsePostgreSqlStore();
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IGrievanceWorkflow>();

        resolve.Should().Throw<InvalidOperationException>().WithMessage("*AddNpgsqlDataSource*");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
