using System.Text.Json.Serialization;

namespace Grievance.Workflow.Testing;

/// <summary>Where <see cref="FaultInjectingStore"/> makes a write fail.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WriteFault>))]
public enum WriteFault
{
    /// <summary>The write fails before it reaches the store: nothing may be stored.</summary>
    BeforeWrite,

    /// <summary>
    /// The store commits the write, then the call fails, as when a connection drops before the acknowledgement arrives: the caller
    /// does not know the command was applied, and a retry with the same command id must replay it, never apply it twice.
    /// </summary>
    AfterWrite,

    /// <summary>The write is cancelled before it starts: the store must throw <see cref="System.OperationCanceledException"/> and store nothing.</summary>
    Cancellation,
}
