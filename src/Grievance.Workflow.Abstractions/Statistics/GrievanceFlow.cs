namespace Grievance.Workflow.Statistics;

/// <summary>
/// What happened to one department's, district's, officer's or channel's grievances in a period: pending at its start, received and
/// disposed in it (with each outcome apart), pending at its end. Counts come from the store; the rest is derived here, so every
/// store reports the same figures.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. A grievance counts under the key it has now (a transferred grievance counts for the department that
/// has it, from its registration on), and closure is final: pending at an instant means registered before it and not closed before it.
/// </remarks>
public sealed record GrievanceFlow
{
    private const double SecondsPerDay = 86_400;

    /// <summary>Gets the key: a department, district, officer or channel code; empty for grievances with none (triage).</summary>
    public required string Key { get; init; }

    /// <summary>Gets how many were pending at the start of the period: registered before it and not closed before it.</summary>
    public long PendingAtStart { get; init; }

    /// <summary>Gets how many were registered in the period.</summary>
    public long Received { get; init; }

    /// <summary>Gets how many were closed in the period, whatever the outcome and whenever registered.</summary>
    public long Disposed { get; init; }

    /// <summary>Gets how many of <see cref="Disposed"/> were closed with the outcome <see cref="GrievanceOutcome.Resolved"/>.</summary>
    public long Resolved { get; init; }

    /// <summary>Gets how many of <see cref="Disposed"/> were closed at the final level on dissatisfaction.</summary>
    public long ClosedAtFinalLevel { get; init; }

    /// <summary>Gets how many of <see cref="Disposed"/> were closed with no feedback.</summary>
    public long ClosedNoFeedback { get; init; }

    /// <summary>Gets how many of <see cref="Disposed"/> were rejected as not maintainable.</summary>
    public long Rejected { get; init; }

    /// <summary>Gets how many of <see cref="Disposed"/> were withdrawn.</summary>
    public long Withdrawn { get; init; }

    /// <summary>Gets how many of <see cref="Disposed"/> were closed as duplicates.</summary>
    public long Duplicate { get; init; }

    /// <summary>Gets how many of <see cref="Disposed"/> were closed by an accepted special closure.</summary>
    public long SpecialClosed { get; init; }

    /// <summary>Gets how many of <see cref="Disposed"/> never had an officer's time limit breached.</summary>
    public long DisposedWithinTime { get; init; }

    /// <summary>Gets the sum over <see cref="Disposed"/> of the whole seconds from registration to closure.</summary>
    public long TotalDisposalSeconds { get; init; }

    /// <summary>Gets how many were pending at the end of the period.</summary>
    public long PendingAtEnd => PendingAtStart + Received - Disposed;

    /// <summary>Gets disposed over what there was to dispose of (pending at the start plus received), or <see langword="null"/> when there was nothing.</summary>
    public double? DisposalRate => PendingAtStart + Received == 0 ? null : Disposed / (double)(PendingAtStart + Received);

    /// <summary>Gets the mean days from registration to closure over <see cref="Disposed"/>, or <see langword="null"/> when none was.</summary>
    public double? AverageDisposalDays => Disposed == 0 ? null : TotalDisposalSeconds / (double)Disposed / SecondsPerDay;
}
