using System;

namespace Grievance.Workflow.Statistics;

/// <summary>
/// Which scorecards to compute: the grievances registered in a period (a cohort, as IGRS's monthly reports count them), grouped by a
/// dimension, with their state as stored now.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ScorecardQuery
{
    /// <summary>Initializes a query.</summary>
    /// <param name="dimension">What to group by.</param>
    /// <param name="from">The start of the period (inclusive): registrations from then.</param>
    /// <param name="to">The end of the period (exclusive).</param>
    /// <param name="asOf">The time to judge officer deadlines at for the defaulter count, usually now.</param>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public ScorecardQuery(ScorecardDimension dimension, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf)
    {
        if (to <= from)
        {
            throw new ArgumentException($"The period must end after it starts; it runs from {from:O} to {to:O}.", nameof(to));
        }

        if (!Enum.IsDefined(dimension))
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown scorecard dimension.");
        }

        (Dimension, From, To, AsOf) = (dimension, from, to, asOf);
    }

    /// <summary>Gets what the scorecards are grouped by.</summary>
    public ScorecardDimension Dimension { get; }

    /// <summary>Gets the start of the period (inclusive).</summary>
    public DateTimeOffset From { get; }

    /// <summary>Gets the end of the period (exclusive).</summary>
    public DateTimeOffset To { get; }

    /// <summary>Gets the time officer deadlines are judged at for <see cref="GrievanceScorecard.Defaulters"/>.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>
    /// Gets or initializes whether to compute <see cref="GrievanceScorecard.MedianDisposalSeconds"/>. Every other figure of a period's
    /// whole days comes from daily rollups the SQL stores keep as they write; the median alone needs each disposal time of the period,
    /// read from the grievance rows. Leave it out for a dashboard that must answer at once over a large period.
    /// </summary>
    /// <value>The default is <see langword="true"/>. When <see langword="false"/>, <see cref="GrievanceScorecard.MedianDisposalSeconds"/> is <see langword="null"/>.</value>
    public bool IncludeMedian { get; init; } = true;
}
