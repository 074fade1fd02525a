namespace Grievance.Workflow.Lifecycle;

/// <summary>The limits from the options that the lifecycle's guards compare against.</summary>
/// <param name="Levels">The ladder's height.</param>
/// <param name="MaxTransfers">Transfers allowed.</param>
/// <param name="MaxExtensions">Interim extensions allowed per officer clock.</param>
/// <param name="ReopenWindow">How long after its closure the complainant may reopen a resolved grievance; <see langword="null"/> when the options do not allow it.</param>
/// <param name="SpecialClosure">Whether the options allow special closures.</param>
/// <param name="Appeals">The appeal rules; <see langword="null"/> when the options do not allow appeals.</param>
/// <param name="Ladders">The ladders per department and category; <see langword="null"/>: every grievance climbs <paramref name="Levels"/>.</param>
internal readonly record struct LifecycleLimits(int Levels, int MaxTransfers, int MaxExtensions, System.TimeSpan? ReopenWindow = null, bool SpecialClosure = false, AppealRules? Appeals = null, Escalation.LadderCache? Ladders = null)
{
    /// <summary>The height of the ladder a grievance climbs now (its department's and category's).</summary>
    public int LevelsFor(GrievanceSnapshot grievance) => Ladders?.For(grievance).Levels ?? Levels;

    /// <summary>The appellate authority's level for a grievance: the options', or the top of its ladder.</summary>
    public int AppellateLevelFor(GrievanceSnapshot grievance) => Appeals?.AppellateLevel ?? LevelsFor(grievance);

    /// <summary>
    /// Whether the complainant may appeal against the grievance's closure now: appeals on, an outcome they list, within their window
    /// of the closure, appeals left. (A resolved grievance also needs a poor rating, which the history holds: the engine asks it.)
    /// </summary>
    public bool AllowsAppeal(GrievanceSnapshot grievance, System.DateTimeOffset now)
        => Appeals is { } rules && grievance.ClosedAt is { } closedAt && rules.Outcomes.Contains(grievance.Outcome)
            && now - closedAt <= rules.Window && grievance.AppealCount < rules.MaxPerGrievance;

    /// <summary>Whether the complainant may reopen the grievance at <paramref name="now"/>: allowed by the options, resolved, and within the window of its closure.</summary>
    public bool AllowsReopening(GrievanceSnapshot grievance, System.DateTimeOffset now)
        => ReopenWindow is { } window && grievance.Outcome == GrievanceOutcome.Resolved && grievance.ClosedAt is { } closedAt && now - closedAt <= window;
}
