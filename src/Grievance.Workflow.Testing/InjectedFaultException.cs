using System.IO;

namespace Grievance.Workflow.Testing;

/// <summary>A failure that <see cref="FaultInjectingStore"/> raised on purpose, standing in for an infrastructure failure (a dropped connection, a full disk).</summary>
public sealed class InjectedFaultException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fault">Where the write failed.</param>
    /// <param name="operation">The store operation that failed: <c>CreateAsync</c> or <c>SaveAsync</c>.</param>
    public InjectedFaultException(WriteFault fault, string operation)
        : base($"Injected fault {fault} in {operation}.")
    {
        Fault = fault;
        Operation = operation;
    }

    /// <summary>Gets where the write failed.</summary>
    public WriteFault Fault { get; }

    /// <summary>Gets the store operation that failed.</summary>
    public string Operation { get; }
}
