using Grievance.Workflow.Sqlite;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Testing;
using Microsoft.Data.Sqlite;

namespace Grievance.Workflow.Testing.XunitV3.Tests;

/// <summary>The in-memory store passes the whole kit under xUnit v3.</summary>
public sealed class InMemoryStoreConformanceOnXunitV3 : GrievanceStoreConformanceTests
{
    protected override ValueTask<IGrievanceStore> CreateStoreAsync() => new(new InMemoryGrievanceStore());
}

/// <summary>The SQLite store passes the whole kit under xUnit v3, on a real file.</summary>
public sealed class SqliteStoreConformanceOnXunitV3 : GrievanceStoreConformanceTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"grievance-kit-v3-{Guid.NewGuid():N}.db");

    protected override ValueTask<IGrievanceStore> CreateStoreAsync() => new(new SqliteGrievanceStore($"Data Source={_path}"));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
