using Grievance.Workflow.Sqlite;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Testing;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>The SQLite store passes the whole conformance kit on a real file.</summary>
public sealed class SqliteStoreConformanceTests : GrievanceStoreConformanceTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"grievance-kit-{Guid.NewGuid():N}.db");

    protected override ValueTask<IGrievanceStore> CreateStoreAsync() => new(new SqliteGrievanceStore($"Data Source={_path}"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteFile.Delete(_path);
    }
}
