namespace Grievance.Workflow.Tests.Support;

/// <summary>A test class with a PostgreSQL schema of its own, made before its tests and dropped after them.</summary>
/// <param name="prefix">The start of the schema's name; a fresh GUID follows it.</param>
public abstract class PostgreSqlSchemaTests(string prefix) : IAsyncLifetime
{
    private readonly string _schema = $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>Gets the name of the class's schema.</summary>
    protected string Schema => _schema;

    /// <summary>Gets the connection string whose search path is the class's schema.</summary>
    protected string Scoped => PostgreSqlServer.In(_schema);

    /// <inheritdoc />
    public Task InitializeAsync() => PostgreSqlServer.ExecuteAsync(PostgreSqlServer.ConnectionString, $"CREATE SCHEMA {_schema}");

    /// <inheritdoc />
    public Task DisposeAsync() => PostgreSqlServer.ExecuteAsync(PostgreSqlServer.ConnectionString, $"DROP SCHEMA IF EXISTS {_schema} CASCADE");
}
