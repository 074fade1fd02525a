using Grievance.Workflow.Storage;
using Grievance.Workflow.Testing;

namespace Grievance.Workflow.Testing.XunitV3.Tests;

/// <summary>The in-memory store passes the whole kit under xUnit v3 (the PostgreSQL store's class is the v2 tests' own file, compiled here too).</summary>
public sealed class InMemoryStoreConformanceOnXunitV3 : GrievanceStoreConformanceTests
{
    protected override ValueTask<IGrievanceStore> CreateStoreAsync() => new(new InMemoryGrievanceStore());
}
