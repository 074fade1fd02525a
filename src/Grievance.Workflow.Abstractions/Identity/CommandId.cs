using System.Text.Json.Serialization;
using Grievance.Workflow.Internal;
using Grievance.Workflow.Serialization;

namespace Grievance.Workflow;

/// <summary>The idempotency key of a command: a command applied again with the same id returns the first result and changes nothing.</summary>
/// <remarks>Compared ordinally and case-sensitively. Immutable and thread-safe.</remarks>
[JsonConverter(typeof(CommandIdJsonConverter))]
public readonly record struct CommandId
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The key chosen by the caller, for example a GUID or a call-centre ticket id. Not blank, at most <see cref="GrievanceLimits.MaxIdentifierLength"/> characters.</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is blank or too long.</exception>
    public CommandId(string value) => Value = Guard.Identifier(value, nameof(value));

    /// <summary>Gets the identifier text.</summary>
    public string Value { get; }

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The identifier text.</returns>
    public override string ToString() => Value ?? string.Empty;
}
