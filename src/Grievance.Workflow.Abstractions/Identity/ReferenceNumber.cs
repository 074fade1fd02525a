using System.Text.Json.Serialization;
using Grievance.Workflow.Internal;
using Grievance.Workflow.Serialization;

namespace Grievance.Workflow;

/// <summary>The human-facing number a complainant is given at registration, such as <c>GRV-261128-7K3M9QXA</c>; unique per store.</summary>
/// <remarks>Compared ordinally and case-sensitively. Immutable and thread-safe.</remarks>
[JsonConverter(typeof(ReferenceNumberJsonConverter))]
public readonly record struct ReferenceNumber
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The reference number text. Not blank, at most <see cref="GrievanceLimits.MaxIdentifierLength"/> characters.</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is blank or too long.</exception>
    public ReferenceNumber(string value) => Value = Guard.Identifier(value, nameof(value));

    /// <summary>Gets the identifier text.</summary>
    public string Value { get; }

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The identifier text.</returns>
    public override string ToString() => Value ?? string.Empty;
}
