using System;

namespace Grievance.Workflow.Statistics;

/// <summary>
/// The figures of one department, district, officer or channel over a period: counts computed by the store, and the rates and
/// averages derived from them here, so that every store reports exactly the same numbers.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. "Disposed" means closed, whatever the outcome; only <see cref="Resolved"/> counts as resolved —
/// closed at the final level, closed with no feedback, rejected, withdrawn and duplicate are each counted apart. Disposal time runs
/// from registration to closure.
/// </remarks>
public sealed record GrievanceScorecard
{
    private const double SecondsPerDay = 86_400;

    /// <summary>Gets the key: a department, district, officer or channel code; empty for grievances with none (triage).</summary>
    public required string Key { get; init; }

    /// <summary>Gets how many grievances were registered in the period.</summary>
    public long Received { get; init; }

    /// <summary>Gets how many of them are still open.</summary>
    public long Pending { get; init; }

    /// <summary>Gets how many are pending with an officer whose time limit passed before the query's <see cref="ScorecardQuery.AsOf"/> (defaulters).</summary>
    public long Defaulters { get; init; }

    /// <summary>Gets how many were closed with the outcome <see cref="GrievanceOutcome.Resolved"/> (satisfied).</summary>
    public long Resolved { get; init; }

    /// <summary>Gets how many were closed at the final level on dissatisfaction — never resolved.</summary>
    public long ClosedAtFinalLevel { get; init; }

    /// <summary>Gets how many were closed with no feedback (unreachable, or the feedback window passed).</summary>
    public long ClosedNoFeedback { get; init; }

    /// <summary>Gets how many were rejected as not maintainable.</summary>
    public long Rejected { get; init; }

    /// <summary>Gets how many were withdrawn by the complainant.</summary>
    public long Withdrawn { get; init; }

    /// <summary>Gets how many were closed as duplicates.</summary>
    public long Duplicate { get; init; }

    /// <summary>Gets how many were closed by an accepted special closure (disposed, never resolved).</summary>
    public long SpecialClosed { get; init; }

    /// <summary>Gets how many closed grievances never had an officer's time limit breached (no <see cref="GrievanceAction.SlaBreach"/> in their history).</summary>
    public long DisposedWithinTime { get; init; }

    /// <summary>Gets the sum over closed grievances of the whole seconds from registration to closure.</summary>
    public long TotalDisposalSeconds { get; init; }

    /// <summary>Gets the median over closed grievances of the whole seconds from registration to closure, or <see langword="null"/> when none is closed.</summary>
    public double? MedianDisposalSeconds { get; init; }

    /// <summary>Gets how many feedback calls found the complainant satisfied.</summary>
    public long SatisfiedFeedback { get; init; }

    /// <summary>Gets how many feedback calls found the complainant dissatisfied.</summary>
    public long DissatisfiedFeedback { get; init; }

    /// <summary>Gets how many grievances had at least one dissatisfied feedback.</summary>
    public long DissatisfiedGrievances { get; init; }

    /// <summary>Gets how many of <see cref="DissatisfiedGrievances"/> got a new disposal report after their first dissatisfaction (re-disposal).</summary>
    public long Redisposed { get; init; }

    /// <summary>Gets how many grievances were reopened at the same level at least once.</summary>
    public long Reopened { get; init; }

    /// <summary>Gets how many grievances were escalated at least once (on dissatisfaction, on a breach or by hand).</summary>
    public long Escalated { get; init; }

    /// <summary>Gets the number of transfers between departments, summed over the grievances.</summary>
    public long Transfers { get; init; }

    /// <summary>Gets how many grievances their complainants appealed against a closure of (at least once).</summary>
    public long Appealed { get; init; }

    /// <summary>Gets how many grievances had a closure upheld on appeal (at least once).</summary>
    public long AppealsUpheld { get; init; }

    /// <summary>Gets how many grievances had an appeal allowed (at least once).</summary>
    public long AppealsAllowed { get; init; }

    /// <summary>Gets how many were closed (disposed), whatever the outcome.</summary>
    public long Disposed => Received - Pending;

    /// <summary>Gets the mean days from registration to closure over closed grievances, or <see langword="null"/> when none is closed.</summary>
    public double? AverageDisposalDays => Disposed == 0 ? null : TotalDisposalSeconds / (double)Disposed / SecondsPerDay;

    /// <summary>Gets the median days from registration to closure, or <see langword="null"/> when none is closed.</summary>
    public double? MedianDisposalDays => MedianDisposalSeconds / SecondsPerDay;

    /// <summary>Gets satisfied calls over calls with an answer (satisfied or dissatisfied), or <see langword="null"/> with no answer yet.</summary>
    public double? SatisfactionRate => Ratio(SatisfiedFeedback, SatisfiedFeedback + DissatisfiedFeedback);

    /// <summary>Gets resolved grievances over disposed ones, or <see langword="null"/> when none is disposed.</summary>
    public double? ResolutionRate => Ratio(Resolved, Disposed);

    /// <summary>Gets reopened grievances over received ones, or <see langword="null"/> when none was received.</summary>
    public double? ReopenRate => Ratio(Reopened, Received);

    /// <summary>Gets escalated grievances over received ones, or <see langword="null"/> when none was received.</summary>
    public double? EscalationRate => Ratio(Escalated, Received);

    /// <summary>Gets appealed grievances over received ones (an appealed grievance may be open again), or <see langword="null"/> when none was received.</summary>
    public double? AppealRate => Ratio(Appealed, Received);

    /// <summary>Gets how many grievances have an outcome.</summary>
    /// <param name="outcome">The outcome; <see cref="GrievanceOutcome.None"/> gives <see cref="Pending"/>.</param>
    /// <returns>The count.</returns>
    public long CountOf(GrievanceOutcome outcome) => outcome switch
    {
        GrievanceOutcome.None => Pending,
        GrievanceOutcome.Resolved => Resolved,
        GrievanceOutcome.ClosedAtFinalLevel => ClosedAtFinalLevel,
        GrievanceOutcome.ClosedNoFeedback => ClosedNoFeedback,
        GrievanceOutcome.Rejected => Rejected,
        GrievanceOutcome.Withdrawn => Withdrawn,
        GrievanceOutcome.Duplicate => Duplicate,
        GrievanceOutcome.SpecialClosed => SpecialClosed,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    private static double? Ratio(long part, long whole) => whole == 0 ? null : part / (double)whole;
}
