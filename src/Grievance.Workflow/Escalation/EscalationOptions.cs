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

    /// <summary>Gets how many reopens a level allows.</summary>
    /// <param name="level">The level, 1 for L1.</param>
    /// <returns>The number from <see cref="ReopensPerLevel"/>, or 0.</returns>
    public int ReopensAllowedAt(int level) => ReopensPerLevel.TryGetValue(level, out var count) ? count : 0;
}
