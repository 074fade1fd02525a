namespace Grievance.Workflow.Queries;

/// <summary>Which grievances a query returns; unset parts match anything.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record GrievanceFilter
{
    /// <summary>Gets or initializes the status to match, or <see langword="null"/> for any.</summary>
    public GrievanceStatus? Status { get; init; }

    /// <summary>Gets or initializes the department to match, or <see langword="null"/> for any.</summary>
    public DepartmentId? Department { get; init; }

    /// <summary>Gets or initializes the officer to match, or <see langword="null"/> for any.</summary>
    public OfficerId? Officer { get; init; }

    /// <summary>Gets or initializes the level to match, or <see langword="null"/> for any.</summary>
    public int? Level { get; init; }

    /// <summary>Gets the filter that matches every grievance.</summary>
    public static GrievanceFilter All { get; } = new();
}
