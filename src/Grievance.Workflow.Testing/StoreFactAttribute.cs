using System;
using Xunit;
using Xunit.Sdk;

namespace Grievance.Workflow.Testing;

/// <summary>
/// Marks a conformance test. Like <see cref="FactAttribute"/>, but a test class marked
/// <see cref="SkipUnlessEnvironmentVariableAttribute"/> reports its tests as skipped, with the reason, when the variable is not set.
/// </summary>
[XunitTestCaseDiscoverer("Grievance.Workflow.Testing.StoreFactDiscoverer", "Grievance.Workflow.Testing")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute : FactAttribute
{
}
