namespace Grievance.Workflow.Demo.Replay;

/// <summary>A grievance after a replay: its final state and its history, shaped for JSON output.</summary>
public sealed record ReplayedGrievance(
    string Name,
    string ReferenceNumber,
    GrievanceStatus Status,
    GrievanceOutcome Outcome,
    int Level,
    string? Department,
    string? Officer,
    DateTimeOffset? DueAt,
    bool IsOverdue,
    long Version,
    IReadOnlyList<ReplayedEntry> History,
    IReadOnlyList<string>? LikelyDuplicates = null,
    string? IntakeFlag = null)
{
    /// <summary>Shapes a grievance and its history.</summary>
    /// <param name="name">The scenario's name for it.</param>
    /// <param name="g">The grievance.</param>
    /// <param name="history">Its history.</param>
    /// <param name="offset">The scenario's UTC offset: times are shown in it.</param>
    /// <returns>The output.</returns>
    public static ReplayedGrievance From(string name, GrievanceSnapshot g, IReadOnlyList<HistoryEntry> history, TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(history);
        return new(name, g.ReferenceNumber.Value, g.Status, g.Outcome, g.Level, g.Department?.Value, g.Officer?.Value, g.DueAt?.ToOffset(offset), g.IsOverdue, g.Version,
            history.Select(e => new ReplayedEntry(e.Sequence, e.OccurredAt.ToOffset(offset), e.Actor.ToString(), e.Action, e.FromStatus, e.ToStatus, e.FromLevel, e.ToLevel, e.Outcome, e.Text, e.ReasonCode)).ToArray(),
            g.LikelyDuplicates.Count == 0 ? null : g.LikelyDuplicates.Select(r => r.Value).ToArray(),
            g.IntakeFlag);
    }
}

/// <summary>One history entry, shaped for JSON output.</summary>
public sealed record ReplayedEntry(long Sequence, DateTimeOffset At, string Actor, GrievanceAction Action, GrievanceStatus From, GrievanceStatus To, int FromLevel, int ToLevel, GrievanceOutcome Outcome, string? Text, string? ReasonCode);
