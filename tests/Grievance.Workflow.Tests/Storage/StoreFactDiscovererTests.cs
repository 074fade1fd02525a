using FluentAssertions;
using Grievance.Workflow.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>A store test whose environment variable is missing is skipped with the reason in its name, which every runner shows.</summary>
public sealed class StoreFactDiscovererTests
{
    private const string Variable = "GRIEVANCE_DISCOVERER_TEST_VARIABLE_NEVER_SET";

    [Fact]
    public void A_store_test_without_its_variable_is_skipped_naming_the_variable_and_what_it_is_for()
    {
        Environment.GetEnvironmentVariable(Variable).Should().BeNull();

        var test = Discover(typeof(NeedsAServer)).Should().ContainSingle().Subject;

        test.SkipReason.Should().Be($"Skipped: the environment variable {Variable} is not set (a server to talk to).");
        test.DisplayName.Should().EndWith($"{nameof(NeedsAServer.Talks)} [{test.SkipReason}]", "runners at their default verbosity show names, not reasons");
    }

    [Fact]
    public void A_store_test_with_no_requirement_runs_under_its_own_name()
    {
        var test = Discover(typeof(NeedsNothing)).Should().ContainSingle().Subject;

        test.SkipReason.Should().BeNull();
        test.DisplayName.Should().EndWith(nameof(NeedsNothing.Talks));
    }

    private static IEnumerable<IXunitTestCase> Discover(Type type)
    {
        var assembly = new TestAssembly(Reflector.Wrap(type.Assembly));
        var testClass = new TestClass(new TestCollection(assembly, null, "discovery"), Reflector.Wrap(type));
        var method = new TestMethod(testClass, Reflector.Wrap(type.GetMethod("Talks")!));
        var attribute = method.Method.GetCustomAttributes(typeof(StoreFactAttribute)).Single();
        return new StoreFactDiscoverer(new NullMessageSink()).Discover(new DiscoveryOptions(), method, attribute);
    }

    // Private, so that xunit itself never discovers (and skips) them: only the discoverer under test sees them.
#pragma warning disable xUnit1000
    [SkipUnlessEnvironmentVariable(Variable, "a server to talk to")]
    private sealed class NeedsAServer
    {
        [StoreFact]
        public void Talks()
        {
        }
    }

    private sealed class NeedsNothing
    {
        [StoreFact]
        public void Talks()
        {
        }
    }

#pragma warning restore xUnit1000

    private sealed class DiscoveryOptions : ITestFrameworkDiscoveryOptions
    {
        public TValue GetValue<TValue>(string name) => default!;

        public void SetValue<TValue>(string name, TValue value)
        {
        }
    }
}
