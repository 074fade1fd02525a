using System.Collections.Generic;

namespace Grievance.Workflow.Escalation;

/// <summary>
/// A department's ladder, or a category's within a department (IGRS L1–L4, MP L1–L5): each value left unset is taken from the
/// less specific rules (department + category, then department, then the global options).
/// </summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class LadderOptions
{
    /// <summary>Gets or sets the number of officer levels.</summary>
    /// <value>The default is <see langword="null"/>: the less specific rules' (in the end <see cref="GrievanceWorkflowOptions.Levels"/>). From 1 to <see cref="GrievanceLimits.MaxLevels"/>.</value>
    public int? Levels { get; set; }

    /// <summary>Gets the reopens allowed at each level before dissatisfaction moves a grievance up; levels not listed follow the less specific rules.</summary>
    /// <value>The default is empty. Each from 0 to 100, for a level of the ladder.</value>
    public IDictionary<int, int> ReopensPerLevel { get; } = new Dictionary<int, int>();

    /// <summary>Gets or sets the officers' time limit in working days at every level not listed in <see cref="SlaDaysPerLevel"/>.</summary>
    /// <value>The default is <see langword="null"/>: the less specific rules'. From 1 to 365.</value>
    public int? SlaDays { get; set; }

    /// <summary>Gets the officers' time limit in working days per level.</summary>
    /// <value>The default is empty. Each from 1 to 365, for a level of the ladder.</value>
    public IDictionary<int, int> SlaDaysPerLevel { get; } = new Dictionary<int, int>();

    /// <summary>Gets or sets what a passed time limit does.</summary>
    /// <value>The default is <see langword="null"/>: the less specific rules' (in the end <see cref="EscalationOptions.OnBreach"/>).</value>
    public BreachAction? OnBreach { get; set; }
}
