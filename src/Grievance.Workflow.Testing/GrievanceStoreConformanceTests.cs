using System;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;
using Xunit;

namespace Grievance.Workflow.Testing;

/// <summary>
/// The conformance suite every <see cref="IGrievanceStore"/> must pass. Subclass it in an xunit test project and return a fresh,
/// empty store from <see cref="CreateStoreAsync"/>; every test here then runs against it. The store must also implement
/// <see cref="IOutboxStore"/>, <see cref="IOutboxPruner"/>, <see cref="IDueWorkQuery"/>, <see cref="IGrievanceQuery"/>, <see cref="IGrievanceStatistics"/> and
/// <see cref="IComplainantAnonymizer"/>: the scorecard test compares its figures with ones computed by hand, so every store reports
/// the same numbers.
/// </summary>
/// <remarks>Each test gets its own store. Stores that are <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/> are disposed after it.</remarks>
public abstract partial class GrievanceStoreConformanceTests : IAsyncLifetime
{
    /// <summary>A Monday, 04:30 UTC: the kit's clocks start here.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 11, 2, 4, 30, 0, TimeSpan.Zero);

    private static readonly Actor Agent = Actor.HelplineAgent("agent-7");
    private static readonly Actor OfficerL1 = Actor.Officer(new OfficerId("uppcl-l1"), new DepartmentId("uppcl"), 1);
    private static readonly Actor OfficerL2 = Actor.Officer(new OfficerId("uppcl-l2"), new DepartmentId("uppcl"), 2);

    private IGrievanceStore? _store;

    /// <summary>Gets the store under test.</summary>
    protected IGrievanceStore Store => _store ?? throw new InvalidOperationException("The store is made in InitializeAsync.");

    /// <summary>
    /// Ends a test of an optional interface the store does not implement: on xUnit v3 it is reported as skipped, with the reason;
    /// xUnit v2 has no way to skip a running test, so there it passes having checked nothing.
    /// </summary>
    /// <param name="what">The interface.</param>
    protected static void Optional(string what)
    {
#if XUNIT_V3
        Assert.Skip($"The store does not implement {what}, which is optional.");
#else
        _ = what;
#endif
    }

    /// <summary>Makes a fresh, empty store for one test.</summary>
    /// <returns>The store.</returns>
    protected abstract ValueTask<IGrievanceStore> CreateStoreAsync();

#if XUNIT_V3
    /// <summary>Creates the suite; skips its tests (with the reason) when the class needs an environment variable that is not set.</summary>
    protected GrievanceStoreConformanceTests()
    {
        if (SkipReason(GetType()) is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    /// <summary>Why the tests of a suite class are skipped: its environment variable is not set; <see langword="null"/> when they run.</summary>
    internal static string? SkipReason(Type suite)
        => Attribute.GetCustomAttribute(suite, typeof(SkipUnlessEnvironmentVariableAttribute)) is SkipUnlessEnvironmentVariableAttribute requirement
            && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(requirement.Name))
            ? $"Skipped: the environment variable {requirement.Name} is not set ({requirement.Reason})."
            : null;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public virtual async ValueTask DisposeAsync()
#else
    /// <inheritdoc />
    public async Task InitializeAsync() => _store = await CreateStoreAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
#endif
    {
        switch (_store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

#if XUNIT_V3
        GC.SuppressFinalize(this);
#endif
    }
}
