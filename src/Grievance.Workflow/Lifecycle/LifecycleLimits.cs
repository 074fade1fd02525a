namespace Grievance.Workflow.Lifecycle;

/// <summary>The limits from the options that the lifecycle's guards compare against.</summary>
/// <param name="Levels">The ladder's height.</param>
/// <param name="MaxTransfers">Transfers allowed.</param>
/// <param name="MaxExtensions">Interim extensions allowed per officer clock.</param>
/// <param name="ReopenWindow">How long after its closure the complainant may reopen a resolved grievance; <see langword="null"/> when the options do not allow it.</param>
/// <param name="SpecialClosure">Whether the options allow special closures.</param>
internal readonly record struct LifecycleLimits(int Levels, int MaxTransfers, int MaxExtensions, System.TimeSpan? ReopenWindow = null, bool SpecialClosure = false)
{
    /// <summary>Whether the complainant may reopen the grievance at <paramref name="now"/>: allowed by the options, resolved, and within the window of its closure.</summary>
    public bool AllowsReopening(GrievanceSnapshot grievance, System.DateTimeOffset now)
        => ReopenWindow is { } window && grievance.Outcome == GrievanceOutcome.Resolved && grievance.ClosedAt is { } closedAt && now - closedAt <= window;
}
