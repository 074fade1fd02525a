using Grievance.Workflow.Storage;
using Grievance.Workflow.Testing;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>The in-memory store passes the conformance kit like any adapter.</summary>
public sealed class InMemoryStoreConformanceTests : GrievanceStoreConformanceTests
{
    protected override ValueTask<IGrievanceStore> CreateStoreAsync() => new(new InMemoryGrievanceStore());
}
