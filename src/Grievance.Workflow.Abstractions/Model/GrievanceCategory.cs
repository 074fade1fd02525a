using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>What a grievance is about: a category code and an optional sub-category code, such as <c>electricity</c> / <c>billing</c>.</summary>
/// <remarks>Routing, time limits and escalation rules may depend on it. Immutable and thread-safe.</remarks>
public sealed record GrievanceCategory
{
    /// <summary>Creates a category.</summary>
    /// <param name="code">The category code; not blank.</param>
    /// <param name="subCategory">The optional sub-category code.</param>
    /// <exception cref="System.ArgumentException">A code is blank or too long.</exception>
    public GrievanceCategory(string code, string? subCategory = null)
    {
        Code = Guard.Identifier(code, nameof(code));
        SubCategory = subCategory is null ? null : Guard.Identifier(subCategory, nameof(subCategory));
    }

    /// <summary>Gets the category code.</summary>
    public string Code { get; }

    /// <summary>Gets the sub-category code, or <see langword="null"/>.</summary>
    public string? SubCategory { get; }

    /// <summary>Returns <c>code</c> or <c>code/sub</c>.</summary>
    /// <returns>The category as text.</returns>
    public override string ToString() => SubCategory is null ? Code : $"{Code}/{SubCategory}";
}
