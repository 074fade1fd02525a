using System;

namespace Grievance.Workflow.Testing;

/// <summary>
/// On a conformance test class: skip its tests, saying why, when an environment variable (typically a connection string) is not set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class SkipUnlessEnvironmentVariableAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The environment variable.</param>
    /// <param name="reason">What the tests need it for, shown in the skip message.</param>
    public SkipUnlessEnvironmentVariableAttribute(string name, string reason)
    {
        Name = name;
        Reason = reason;
    }

    /// <summary>Gets the environment variable.</summary>
    public string Name { get; }

    /// <summary>Gets what the tests need it for.</summary>
    public string Reason { get; }
}
