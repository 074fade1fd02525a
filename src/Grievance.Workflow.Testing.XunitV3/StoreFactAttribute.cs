using System;
using System.Runtime.CompilerServices;
using Xunit;

namespace Grievance.Workflow.Testing;

/// <summary>
/// Marks a conformance test: an xUnit v3 fact. A test class marked <see cref="SkipUnlessEnvironmentVariableAttribute"/> skips its
/// tests, with the reason, when the variable is not set (the suite's constructor calls <see cref="Assert.Skip(string)"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="sourceFilePath">The test's source file, filled in by the compiler.</param>
    /// <param name="sourceLineNumber">The test's line, filled in by the compiler.</param>
    public StoreFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
    }
}
