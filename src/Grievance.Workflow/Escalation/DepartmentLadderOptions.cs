using System.Collections.Generic;

namespace Grievance.Workflow.Escalation;

/// <summary>A department's ladder (<see cref="GrievanceWorkflowOptions.Departments"/>), with overrides per category within it.</summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class DepartmentLadderOptions : LadderOptions
{
    /// <summary>Gets the ladder's overrides per category code within the department, the most specific rules of all.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, LadderOptions> Categories { get; } = new Dictionary<string, LadderOptions>(System.StringComparer.Ordinal);
}
