using Grievance.Workflow.Storage;
using Grievance.Workflow.Testing;
using Xunit;

namespace Grievance.Workflow.Testing.XunitV3.Tests;

/// <summary>Under xUnit v3 a suite whose environment variable is missing skips its tests at construction, with the reason.</summary>
public sealed class SkippingOnXunitV3
{
    private const string Variable = "GRIEVANCE_KIT_V3_TEST_VARIABLE_NEVER_SET";

    [Fact]
    public void A_suite_without_its_variable_skips_naming_the_variable_and_what_it_is_for()
    {
        Assert.Null(Environment.GetEnvironmentVariable(Variable));

        // The suite's constructor hands this reason to Assert.Skip (calling it here would skip this test too).
        Assert.Equal($"Skipped: the environment variable {Variable} is not set (a server to talk to).", GrievanceStoreConformanceTests.SkipReason(typeof(NeedsAServer)));
    }

    [Fact]
    public void A_suite_with_no_requirement_or_with_its_variable_set_runs()
    {
        Assert.Null(GrievanceStoreConformanceTests.SkipReason(typeof(NeedsNothing)));
        Assert.NotNull(new NeedsNothing());
        Assert.Null(GrievanceStoreConformanceTests.SkipReason(typeof(NeedsPath)));
    }

    // Abstract-free subclasses that xunit never runs (they have no tests of their own beyond the kit's, and are not public).
    [SkipUnlessEnvironmentVariable(Variable, "a server to talk to")]
    private sealed class NeedsAServer : GrievanceStoreConformanceTests
    {
        protected override ValueTask<IGrievanceStore> CreateStoreAsync() => throw new NotSupportedException();
    }

    [SkipUnlessEnvironmentVariable("PATH", "a search path")]
    private sealed class NeedsPath : GrievanceStoreConformanceTests
    {
        protected override ValueTask<IGrievanceStore> CreateStoreAsync() => throw new NotSupportedException();
    }

    private sealed class NeedsNothing : GrievanceStoreConformanceTests
    {
        protected override ValueTask<IGrievanceStore> CreateStoreAsync() => throw new NotSupportedException();
    }
}
