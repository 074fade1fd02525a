using System;

namespace Grievance.Workflow.Escalation;

/// <summary>The escalation policy's answer.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct EscalationDecision
{
    private EscalationDecision(EscalationKind kind, int level)
    {
        Kind = kind;
        Level = level;
    }

    /// <summary>Gets what happens.</summary>
    public EscalationKind Kind { get; }

    /// <summary>Gets the level the grievance goes to (for <see cref="EscalationKind.EscalateToLevel"/>); otherwise 0.</summary>
    public int Level { get; }

    /// <summary>Gets the decision to reopen at the same level.</summary>
    public static EscalationDecision Reopen { get; } = new(EscalationKind.ReopenAtSameLevel, 0);

    /// <summary>Gets the decision, on a breach, to keep it where it is and flag it as a defaulter.</summary>
    public static EscalationDecision FlagOverdue { get; } = new(EscalationKind.FlagOverdue, 0);

    /// <summary>Gets the decision to close at the final level.</summary>
    public static EscalationDecision CloseAtFinalLevel { get; } = new(EscalationKind.CloseAtFinalLevel, 0);

    /// <summary>Makes the decision to move up to <paramref name="level"/>.</summary>
    /// <param name="level">The level to go to, from 2 to <see cref="GrievanceLimits.MaxLevels"/>; the engine also checks it is above the current one.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 2 to <see cref="GrievanceLimits.MaxLevels"/>.</exception>
    public static EscalationDecision EscalateTo(int level)
        => level is < 2 or > GrievanceLimits.MaxLevels
            ? throw new ArgumentOutOfRangeException(nameof(level), level, $"An escalation goes to a level from 2 to {GrievanceLimits.MaxLevels}.")
            : new(EscalationKind.EscalateToLevel, level);
}
