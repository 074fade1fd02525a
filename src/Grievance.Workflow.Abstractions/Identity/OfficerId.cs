using System.Text.Json.Serialization;
using Grievance.Workflow.Internal;
using Grievance.Workflow.Serialization;

namespace Grievance.Workflow;

/// <summary>Identifies an officer (an L1, L2 … officer or a department desk). Staff identity, not complainant data.</summary>
/// <remarks>Compared ordinally and case-sensitively. Immutable and thread-safe.</remarks>
[JsonConverter(typeof(OfficerIdJsonConverter))]
public readonly record struct OfficerId
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The officer's staff code. Not blank, at most <see cref="GrievanceLimits.MaxIdentifierLength"/> characters.</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is blank or too long.</exception>
    public OfficerId(string value) => Value = Guard.Identifier(value, nameof(value));

    /// <summary>Gets the identifier text.</summary>
    public string Value { get; }

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The identifier text.</returns>
    public override string ToString() => Value ?? string.Empty;
}
