namespace Grievance.Workflow.Sqlite;

/// <summary>Options of the SQLite store.</summary>
/// <remarks>Read once, when the store is made.</remarks>
public sealed class SqliteStoreOptions
{
    /// <summary>Gets or sets how each commit is made durable.</summary>
    /// <value>The default is <see cref="SqliteSynchronous.Full"/>: nothing committed is ever lost.</value>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;
}
