namespace Grievance.Workflow.Demo.Simulation;

/// <summary>
/// The seed's flow as a funnel, counted from every grievance's history: registered, routed to L1, disposed by L1, the feedback
/// calls (reached or not), satisfied or dissatisfied, a second round at L1, up to L2, disposed by L2, and how it ended; with what
/// is pending at each level now. Counts are of grievances, except the calls.
/// </summary>
public sealed record SeedFunnel
{
    /// <summary>Gets the complaints registered.</summary>
    public int Registered { get; init; }

    /// <summary>Gets the complaints that reached an L1 officer (routed at registration or from triage).</summary>
    public int RoutedToL1 { get; init; }

    /// <summary>Gets the complaints an L1 officer reported disposal of at least once.</summary>
    public int DisposedByL1 { get; init; }

    /// <summary>Gets the feedback calls made (answered or not).</summary>
    public int FeedbackCalls { get; init; }

    /// <summary>Gets the feedback calls that reached the complainant.</summary>
    public int CallsReached { get; init; }

    /// <summary>Gets the feedback calls that did not.</summary>
    public int CallsUnreachable { get; init; }

    /// <summary>Gets the complaints whose complainant said they were satisfied.</summary>
    public int Satisfied { get; init; }

    /// <summary>Gets the complaints whose complainant said at least once they were not.</summary>
    public int Dissatisfied { get; init; }

    /// <summary>Gets the complaints sent back to L1 for a second round.</summary>
    public int SecondRoundAtL1 { get; init; }

    /// <summary>Gets the complaints that went up to L2 (on dissatisfaction, a breach or by hand).</summary>
    public int ToL2 { get; init; }

    /// <summary>Gets the complaints an L2 officer reported disposal of.</summary>
    public int DisposedByL2 { get; init; }

    /// <summary>Gets the complaints closed as resolved.</summary>
    public int Resolved { get; init; }

    /// <summary>Gets the complaints closed at the final level, the complainant still dissatisfied.</summary>
    public int ClosedAtFinalLevel { get; init; }

    /// <summary>Gets the complaints in triage now: registered, no department yet.</summary>
    public int InTriage { get; init; }

    /// <summary>Gets the complaints with an officer now (clarifications included), by level.</summary>
    public required IReadOnlyDictionary<int, int> PendingByLevel { get; init; }

    /// <summary>Gets the complaints waiting for their feedback call now.</summary>
    public int AwaitingFeedback { get; init; }

    /// <summary>Gets the complaints under appeal now: closed once, not finally (appeals mode).</summary>
    public int UnderAppeal { get; init; }

    /// <summary>Counts the funnel of grievances from their snapshots and histories.</summary>
    /// <param name="grievances">Every grievance with its history.</param>
    /// <returns>The funnel.</returns>
    public static SeedFunnel Of(IEnumerable<(GrievanceSnapshot Grievance, IReadOnlyList<HistoryEntry> History)> grievances)
    {
        ArgumentNullException.ThrowIfNull(grievances);
        int registered = 0, routed = 0, disposedL1 = 0, calls = 0, reached = 0, unreachable = 0, satisfied = 0, dissatisfied = 0;
        int secondRound = 0, toL2 = 0, disposedL2 = 0, resolved = 0, finalLevel = 0, triage = 0, awaiting = 0, underAppeal = 0;
        var pending = new SortedDictionary<int, int>();
        foreach (var (g, history) in grievances)
        {
            registered++;
            routed += Any(history, e => e.ToStatus == GrievanceStatus.PendingWithOfficer && e.ToLevel == 1);
            disposedL1 += Any(history, e => e.Action == GrievanceAction.ReportAction && e.FromLevel == 1);
            disposedL2 += Any(history, e => e.Action == GrievanceAction.ReportAction && e.FromLevel == 2);
            satisfied += Any(history, e => e.Action == GrievanceAction.RecordSatisfied);
            dissatisfied += Any(history, e => e.Action == GrievanceAction.RecordDissatisfied);
            secondRound += Any(history, e => e.Action == GrievanceAction.RecordDissatisfied && e.ReasonCode == HistoryReasonCodes.Reopened && e.ToLevel == 1);
            toL2 += Any(history, e => e.FromLevel == 1 && e.ToLevel == 2);
            foreach (var e in history)
            {
                reached += e.Action is GrievanceAction.RecordSatisfied or GrievanceAction.RecordDissatisfied ? 1 : 0;
                unreachable += e.Action == GrievanceAction.RecordUnreachable ? 1 : 0;
            }

            resolved += g.Outcome == GrievanceOutcome.Resolved ? 1 : 0;
            finalLevel += g.Outcome == GrievanceOutcome.ClosedAtFinalLevel ? 1 : 0;
            switch (g.Status)
            {
                case GrievanceStatus.Registered:
                    triage++;
                    break;
                case GrievanceStatus.AwaitingFeedback:
                    awaiting++;
                    break;
                case GrievanceStatus.UnderAppeal:
                    underAppeal++;
                    break;
                case GrievanceStatus.PendingWithOfficer or GrievanceStatus.AwaitingClarification or GrievanceStatus.AwaitingSpecialClosure:
                    pending[g.Level] = pending.GetValueOrDefault(g.Level) + 1;
                    break;
            }
        }

        calls = reached + unreachable;
        return new SeedFunnel
        {
            Registered = registered, RoutedToL1 = routed, DisposedByL1 = disposedL1, FeedbackCalls = calls, CallsReached = reached,
            CallsUnreachable = unreachable, Satisfied = satisfied, Dissatisfied = dissatisfied, SecondRoundAtL1 = secondRound, ToL2 = toL2,
            DisposedByL2 = disposedL2, Resolved = resolved, ClosedAtFinalLevel = finalLevel, InTriage = triage, PendingByLevel = pending, UnderAppeal = underAppeal,
            AwaitingFeedback = awaiting,
        };
    }

    private static int Any(IReadOnlyList<HistoryEntry> history, Func<HistoryEntry, bool> predicate) => history.Any(predicate) ? 1 : 0;
}
