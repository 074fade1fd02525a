namespace Grievance.Workflow.Tests.Support;

/// <summary>A PostgreSQL schema of a test class's own, made before its tests and dropped after them.</summary>
/// <param name="prefix">The start of the schema's name; a fresh GUID follows it.</param>
public sealed class PostgreSqlSchema(string prefix)
{
    /// <summary>Gets the schema's name.</summary>
    public string Name { get; } = $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>Gets the connection string whose search path is the schema.</summary>
    public string Scoped => PostgreSqlServer.In(Name);

    /// <summary>Creates the schema.</summary>
    public Task CreateAsync() => PostgreSqlServer.ExecuteAsync(PostgreSqlServer.ConnectionString, $"CREATE SCHEMA {Name}");

    /// <summary>Drops the schema and everything in it.</summary>
    public Task DropAsync() => PostgreSqlServer.ExecuteAsync(PostgreSqlServer.ConnectionString, $"DROP SCHEMA IF EXISTS {Name} CASCADE");
}
