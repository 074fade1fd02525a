using System.Collections.Concurrent;

namespace Grievance.Workflow.Escalation;

/// <summary>The ladders of the options, resolved once per department and category. Thread-safe.</summary>
internal sealed class LadderCache
{
    private readonly GrievanceWorkflowOptions _options;
    private readonly ConcurrentDictionary<(string Department, string Category), Ladder> _ladders = new();

    public LadderCache(GrievanceWorkflowOptions options) => _options = options;

    /// <summary>The ladder of a department and category.</summary>
    public Ladder For(DepartmentId? department, GrievanceCategory category)
        => _ladders.GetOrAdd((department?.Value ?? string.Empty, category.Code), static (key, options) => options.LadderFor(key.Department.Length == 0 ? null : new DepartmentId(key.Department), key.Category), _options);

    /// <summary>The ladder a grievance climbs now.</summary>
    public Ladder For(GrievanceSnapshot grievance) => For(grievance.Department, grievance.Category);
}
