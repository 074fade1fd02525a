using System.Collections.Generic;

namespace Grievance.Workflow.Clocks;

/// <summary>A category's own time limits.</summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class CategorySlaOptions
{
    /// <summary>Gets or sets the category's limit at every level not listed in <see cref="DaysPerLevel"/>, in working days.</summary>
    /// <value>The default is <see langword="null"/>: the general limits apply.</value>
    public int? Days { get; set; }

    /// <summary>Gets the category's limit per level, in working days.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<int, int> DaysPerLevel { get; } = new Dictionary<int, int>();
}
