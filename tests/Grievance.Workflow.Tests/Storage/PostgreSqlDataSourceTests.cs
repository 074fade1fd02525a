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

    // Regression: the store asked Npgsql's builder whether the string set Max Auto Prepare, and that builder says yes of every
    // setting it knows, so automatic preparation was never turned on: every statement was parsed and planned afresh.
    [Theory]
    [InlineData("Host=db;Username=app", 64, 2, true)]
    [InlineData("Host=db;Username=app;Max Auto Prepare=0", 0, 5, true)]
    [InlineData("Host=db;Username=app;MaxAutoPrepare=8", 8, 5, true)]
    [InlineData("Host=db;Username=app;Auto Prepare Min Usages=3", 64, 3, true)]
    [InlineData("Host=db;Username=app;No Reset On Close=false", 64, 2, false)]
    [InlineData("Host=db;Username=app;NoResetOnClose=False", 64, 2, false)]
    public void A_store_made_from_a_connection_string_prepares_statements_and_skips_pool_resets_unless_the_string_says_otherwise(
        string connectionString, int maxAutoPrepare, int minUsages, bool noResetOnClose)
    {
        using var store = new PostgreSqlGrievanceStore(connectionString);

        var settings = new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString);

        settings.MaxAutoPrepare.Should().Be(maxAutoPrepare);
        settings.AutoPrepareMinUsages.Should().Be(minUsages);
        settings.NoResetOnClose.Should().Be(noResetOnClose);
    }

    [StoreFact]
    public async Task A_store_made_from_a_connection_string_does_not_make_the_server_reset_its_pooled_connections()
    {
        // One connection in the pool, used by every command below and returned between them: each return would make the server run
        // Npgsql's reset (RESET ALL among its statements) before the connection's next use.
        using var seed = new Seed(build: b => b.UsePostgreSqlStore(new NpgsqlConnectionStringBuilder(Server) { SearchPath = _schema, MaxPoolSize = 1 }.ConnectionString));
        await seed.ReportAsync(await seed.RegisterAsync());
        var store = (PostgreSqlGrievanceStore)seed.Services.GetRequiredService<Grievance.Workflow.Storage.IGrievanceStore>();
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using (var set = new NpgsqlCommand("SET application_name = 'left-behind'", connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        await connection.CloseAsync();
        await seed.ReportAsync(await seed.RegisterAsync());
        await connection.OpenAsync();

        // The session setting outlived the connection's return: no reset ran on it.
        await using var read = new NpgsqlCommand("SHOW application_name", connection);
        (await read.ExecuteScalarAsync()).Should().Be("left-behind");
    }

    [StoreFact]
    public async Task The_statements_of_a_store_made_from_a_connection_string_are_prepared_on_the_server()
    {
        // One connection in the pool, so the one read below is the one that ran the commands.
        using var seed = new Seed(build: b => b.UsePostgreSqlStore(new NpgsqlConnectionStringBuilder(Server) { SearchPath = _schema, MaxPoolSize = 1 }.ConnectionString));
        for (var i = 0; i < 3; i++)
        {
            await seed.ReportAsync(await seed.RegisterAsync());
        }

        var store = (PostgreSqlGrievanceStore)seed.Services.GetRequiredService<Grievance.Workflow.Storage.IGrievanceStore>();
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '%grievances%'", connection);
        ((long)(await command.ExecuteScalarAsync())!).Should().BeGreaterThan(0);
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
