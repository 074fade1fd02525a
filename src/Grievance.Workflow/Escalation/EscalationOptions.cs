using System.Collections.Generic;

namespace Grievance.Workflow.Escalation;

/// <summary>Options of the default escalation ladder (<see cref="LadderEscalationPolicy"/>).</summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class EscalationOptions
{
    /// <summary>
    /// Gets how many times a grievance is reopened at each level before dissatisfaction moves it up, keyed by level (1 for L1).
    /// A level that is not listed gets no reopen.
    /// </summary>
    /// <value>The default is <c>{ 1: 1 }</c>: L1 gets one second round, as in the CM Helpline 1076 flow; every other level none.</value>
    public IDictionary<int, int> ReopensPerLevel { get; } = new Dictionary<int, int> { [1] = 1 };

    /// <summary>Gets the categories' own rules, by category code.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, CategoryEscalationOptions> Categories { get; } = new Dictionary<string, CategoryEscalationOptions>(System.StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets how long after the disposal a dissatisfied answer may still reopen the grievance; later, dissatisfaction moves it
    /// up (or closes it at the final level) instead.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no window.</value>
    public System.TimeSpan? ReopenWindow { get; set; }

    /// <summary>Gets or sets what a passed time limit does.</summary>
    /// <value>The default is <see cref="BreachAction.FlagDefaulter"/>.</value>
    public BreachAction OnBreach { get; set; } = BreachAction.FlagDefaulter;

    /// <summary>Gets how many reopens a level allows for a category.</summary>
    /// <param name="category">The category code.</param>
    /// <param name="level">The level, 1 for L1.</param>
    /// <returns>0 when the category disallows reopening; else the category's number, the general number, or 0.</returns>
    public int ReopensAllowedAt(string category, int level)
    {
        if (Categories.TryGetValue(category, out var specific))
        {
            if (!specific.AllowReopen)
            {
                return 0;
            }

            if (specific.ReopensPerLevel.TryGetValue(level, out var categoryCount))
            {
                return categoryCount;
            }
        }

        return ReopensPerLevel.TryGetValue(level, out var count) ? count : 0;
    }
}
