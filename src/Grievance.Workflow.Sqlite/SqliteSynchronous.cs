using System.Text.Json.Serialization;

namespace Grievance.Workflow.Sqlite;

/// <summary>How hard SQLite works to make each commit durable (its <c>synchronous</c> setting, in write-ahead-log mode).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SqliteSynchronous>))]
public enum SqliteSynchronous
{
    /// <summary>Each commit is synced to disk before it returns: nothing committed is lost, even on power loss.</summary>
    Full = 0,

    /// <summary>
    /// Commits are synced at checkpoints only: several times faster; the database never corrupts, but the last commits before a power
    /// loss or OS crash (not an application crash) may be rolled back. For demos, tests and data that can be replayed.
    /// </summary>
    Normal = 1,
}
