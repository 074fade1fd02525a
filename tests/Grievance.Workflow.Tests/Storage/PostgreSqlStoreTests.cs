using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Testing;
using Npgsql;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// The PostgreSQL store passes the whole conformance kit on a real server. Each test gets a schema of its own, dropped afterwards.
/// CI sets GRIEVANCE_POSTGRES (see .ci/postgres-up); without it these tests report themselves skipped, with the reason. The xUnit v3
/// kit's tests compile this same file (with XUNIT_V3).
/// </summary>
[SkipUnlessEnvironmentVariable(EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlStoreConformanceTests : GrievanceStoreConformanceTests
{
    public const string EnvironmentVariable = "GRIEVANCE_POSTGRES";

    private readonly string _schema = $"kit_{Guid.NewGuid():N}";

    private static string ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable)!;

    protected override async ValueTask<IGrievanceStore> CreateStoreAsync()
    {
        await ExecuteAsync($"CREATE SCHEMA {_schema}");
        return new PostgreSqlGrievanceStore(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = _schema }.ConnectionString);
    }

#if XUNIT_V3
    public override async ValueTask DisposeAsync()
#else
    public override async Task DisposeAsync()
#endif
    {
        await base.DisposeAsync();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
