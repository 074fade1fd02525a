using System;
using System.Collections.Generic;

namespace Grievance.Workflow;

/// <summary>
/// What a grievance's history adds up to for scorecards — feedback answers, and whether it was ever reopened, escalated, breached or
/// disposed of again after a dissatisfaction — kept on the snapshot so that statistics never read the history.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. The engine adds each new history entry with <see cref="Add"/>; the importer computes it from an
/// imported history with <see cref="Of"/>. <see cref="Add"/> is the only definition: a store never computes these facts itself.
/// </remarks>
public readonly record struct GrievanceTally
{
    /// <summary>Gets how many feedback calls found the complainant satisfied.</summary>
    public int SatisfiedFeedback { get; init; }

    /// <summary>Gets how many feedback calls found the complainant dissatisfied.</summary>
    public int DissatisfiedFeedback { get; init; }

    /// <summary>Gets whether a dissatisfaction, or its complainant reopening it after it was resolved, ever sent it back to the same level (<see cref="HistoryReasonCodes.Reopened"/>).</summary>
    public bool Reopened { get; init; }

    /// <summary>Gets whether it ever moved up a level other than by a transfer (on dissatisfaction, on a breach or by hand).</summary>
    public bool Escalated { get; init; }

    /// <summary>Gets whether an officer's time limit was ever breached (a <see cref="GrievanceAction.SlaBreach"/> entry).</summary>
    public bool Breached { get; init; }

    /// <summary>Gets whether a disposal report followed its first dissatisfaction (re-disposal).</summary>
    public bool Redisposed { get; init; }

    /// <summary>Gets whether the complainant ever appealed against a closure.</summary>
    public bool Appealed { get; init; }

    /// <summary>Gets whether an appellate authority ever upheld a closure of it.</summary>
    public bool AppealUpheld { get; init; }

    /// <summary>Gets whether an appellate authority ever allowed an appeal of it.</summary>
    public bool AppealAllowed { get; init; }

    /// <summary>Gets whether any feedback call found the complainant dissatisfied.</summary>
    public bool WasDissatisfied => DissatisfiedFeedback > 0;

    /// <summary>Returns the tally with one more history entry added: the one that follows every entry added so far.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The new tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is <see langword="null"/>.</exception>
    public GrievanceTally Add(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var next = this;
        switch (entry.Action)
        {
            case GrievanceAction.RecordSatisfied:
                next = next with { SatisfiedFeedback = SatisfiedFeedback + 1 };
                break;
            case GrievanceAction.RecordDissatisfied:
                next = next with { DissatisfiedFeedback = DissatisfiedFeedback + 1, Reopened = Reopened || entry.ReasonCode == HistoryReasonCodes.Reopened };
                break;
            case GrievanceAction.ReopenByComplainant:
                next = next with { Reopened = Reopened || entry.ReasonCode == HistoryReasonCodes.Reopened };
                break;
            case GrievanceAction.ReportAction when WasDissatisfied:
                next = next with { Redisposed = true };
                break;
            case GrievanceAction.SlaBreach:
                next = next with { Breached = true };
                break;
            case GrievanceAction.Appeal:
                next = next with { Appealed = true };
                break;
            case GrievanceAction.UpholdClosure:
                next = next with { AppealUpheld = true };
                break;
            case GrievanceAction.AllowAppeal:
                next = next with { AppealAllowed = true };
                break;
        }

        return entry.ToLevel > entry.FromLevel && entry.Action is not (GrievanceAction.Transfer or GrievanceAction.AllowAppeal) && !next.Escalated ? next with { Escalated = true } : next;
    }

    /// <summary>Adds up a whole history, in sequence order.</summary>
    /// <param name="history">The history, oldest first.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or one of its entries is <see langword="null"/>.</exception>
    public static GrievanceTally Of(IEnumerable<HistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var tally = default(GrievanceTally);
        foreach (var entry in history)
        {
            tally = tally.Add(entry);
        }

        return tally;
    }
}
