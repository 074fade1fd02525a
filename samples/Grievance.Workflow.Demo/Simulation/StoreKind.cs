namespace Grievance.Workflow.Demo.Simulation;

/// <summary>Which store the demo runs on.</summary>
public enum StoreKind
{
    /// <summary>The in-memory store: nothing is kept.</summary>
    Memory,

    /// <summary>An SQLite file (the default: <c>grievances.db</c> in the current folder).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<c>--connection</c> required).</summary>
    Postgres,
}
