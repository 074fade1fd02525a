namespace Grievance.Workflow.Tests.Support;

/// <summary>A test class with a PostgreSQL schema of its own, made before its tests and dropped after them.</summary>
/// <param name="prefix">The start of the schema's name; a fresh GUID follows it.</param>
public abstract class PostgreSqlSchemaTests(string prefix) : IAsyncLifetime
{
    private readonly PostgreSqlSchema _schema = new(prefix);

    /// <summary>Gets the name of the class's schema.</summary>
    protected string Schema => _schema.Name;

    /// <summary>Gets the connection string whose search path is the class's schema.</summary>
    protected string Scoped => _schema.Scoped;

    /// <inheritdoc />
    public Task InitializeAsync() => _schema.CreateAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => _schema.DropAsync();
}
