using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;
using Npgsql;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// The whole conformance kit again, on a data source of the host's own that prepares statements from their second use, as the
/// store's documentation advises. Regression: a transaction's statements reused one command with new parameter objects, and an
/// automatically prepared Npgsql command binds the objects it was prepared with, so a batch wrote a change with the values of the
/// change before it (the kit's batch test failed here).
/// </summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlPreparedConformanceTests : GrievanceStoreConformanceTests
{
    private readonly string _schema = $"prepared_{Guid.NewGuid():N}";
    private readonly List<NpgsqlDataSource> _dataSources = [];

    // A small pool: this class runs beside the other PostgreSQL classes, whose kit also has 64 writers at once, on a server that
    // allows 100 connections.
    protected override async ValueTask<IGrievanceStore> CreateStoreAsync()
    {
        await PostgreSqlServer.ExecuteAsync(PostgreSqlServer.ConnectionString, $"CREATE SCHEMA {_schema}");
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgreSqlServer.In(_schema)) { MaxAutoPrepare = 16, AutoPrepareMinUsages = 2, MaxPoolSize = 10 }.ConnectionString);
        _dataSources.Add(dataSource);
        return new PostgreSqlGrievanceStore(dataSource);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        await PostgreSqlServer.ExecuteAsync(PostgreSqlServer.ConnectionString, $"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }
}
