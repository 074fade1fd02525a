using System.Text.Json.Serialization;
using Grievance.Workflow.Internal;
using Grievance.Workflow.Serialization;

namespace Grievance.Workflow;

/// <summary>Identifies a department (or any office that owns grievances), such as <c>revenue</c> or <c>jal-nigam</c>.</summary>
/// <remarks>Compared ordinally and case-sensitively. Immutable and thread-safe.</remarks>
[JsonConverter(typeof(DepartmentIdJsonConverter))]
public readonly record struct DepartmentId
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The department code, for example <c>revenue</c>. Not blank, at most <see cref="GrievanceLimits.MaxIdentifierLength"/> characters.</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is blank or too long.</exception>
    public DepartmentId(string value) => Value = Guard.Identifier(value, nameof(value));

    /// <summary>Gets the identifier text.</summary>
    public string Value { get; }

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The identifier text.</returns>
    public override string ToString() => Value ?? string.Empty;
}
