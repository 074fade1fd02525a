using System;

namespace Grievance.Workflow.Statistics;

/// <summary>
/// Which flow reports to compute: what happened in a period by the day it happened — grievances received, disposed (whenever they
/// were registered) and pending at its start and end — grouped by a dimension, as IGRS ranks districts and departments each month.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Compare <see cref="ScorecardQuery"/>, which follows the grievances registered in a period (a cohort)
/// to their state now.
/// </remarks>
public sealed record FlowQuery
{
    /// <summary>Initializes a query.</summary>
    /// <param name="dimension">What to group by.</param>
    /// <param name="from">The start of the period (inclusive).</param>
    /// <param name="to">The end of the period (exclusive).</param>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not after <paramref name="from"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is not a defined value.</exception>
    public FlowQuery(ScorecardDimension dimension, DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            throw new ArgumentException($"The period must end after it starts; it runs from {from:O} to {to:O}.", nameof(to));
        }

        if (!Enum.IsDefined(dimension))
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown scorecard dimension.");
        }

        (Dimension, From, To) = (dimension, from, to);
    }

    /// <summary>Gets what the reports are grouped by: the department, district, officer or channel a grievance is with now.</summary>
    public ScorecardDimension Dimension { get; }

    /// <summary>Gets the start of the period (inclusive).</summary>
    public DateTimeOffset From { get; }

    /// <summary>Gets the end of the period (exclusive).</summary>
    public DateTimeOffset To { get; }
}
