using System.Collections.Generic;

namespace Grievance.Workflow.Escalation;

/// <summary>A category's own escalation rules.</summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class CategoryEscalationOptions
{
    /// <summary>Gets or sets whether dissatisfaction may reopen grievances of this category at the same level.</summary>
    /// <value>The default is <see langword="true"/>. When off, dissatisfaction moves straight up (or closes at the final level).</value>
    public bool AllowReopen { get; set; } = true;

    /// <summary>Gets the category's reopens per level; levels not listed use <see cref="EscalationOptions.ReopensPerLevel"/>.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<int, int> ReopensPerLevel { get; } = new Dictionary<int, int>();
}
