using System;

namespace Grievance.Workflow;

/// <summary>The workflow was registered without a store: the host must choose one, so that no desk runs on memory by accident.</summary>
internal sealed class StoreNotChosenException : InvalidOperationException
{
    public const string Choices =
        "No grievance store was chosen. After AddGrievanceWorkflow(…), call one of: UseInMemoryStore() — tests and demos only, every complaint "
        + "is lost when the process stops; UseSqliteStore(connectionString) from Grievance.Workflow.Sqlite — one machine; "
        + "UsePostgreSqlStore(connectionString or NpgsqlDataSource) from Grievance.Workflow.PostgreSql — several app nodes; or UseStore(…) for a store of your own.";

    public StoreNotChosenException()
        : base(Choices)
    {
    }
}
