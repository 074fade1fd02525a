using Grievance.Workflow.Sqlite;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// The same plans on a file whose indexes a first load took down and built again (<see cref="Import.ImportOptions.DeferIndexes"/>):
/// the rebuild creates them in another order than the migrations did, and SQLite's planner, without statistics, breaks ties
/// between equally good indexes by that order — so every query whose plan matters names its index.
/// </summary>
public sealed class SqliteQueuePlanAfterFirstLoadTests : SqliteQueuePlanTests
{
    /// <inheritdoc />
    protected override async Task PrepareAsync()
    {
        var store = new SqliteGrievanceStore(File.ConnectionString);
        await store.MigrateAsync();
        await store.SuspendIndexesAsync(default);
        await store.RebuildIndexesAsync(default);
    }
}
