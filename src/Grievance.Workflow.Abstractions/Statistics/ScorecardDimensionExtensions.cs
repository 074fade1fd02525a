using System;

namespace Grievance.Workflow.Statistics;

/// <summary>Helpers for <see cref="ScorecardDimension"/>, shared by every store so that all group grievances alike.</summary>
public static class ScorecardDimensionExtensions
{
    /// <summary>Gets the key a grievance has in a dimension now, as <see cref="GrievanceScorecard.Key"/> and <see cref="GrievanceFlow.Key"/> give it.</summary>
    /// <param name="dimension">The dimension.</param>
    /// <param name="grievance">The grievance.</param>
    /// <returns>The department, district, officer or channel code; empty for no department or no officer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grievance"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is not a defined value.</exception>
    public static string KeyOf(this ScorecardDimension dimension, GrievanceSnapshot grievance)
    {
        ArgumentNullException.ThrowIfNull(grievance);
        return dimension switch
        {
            ScorecardDimension.Department => grievance.Department?.Value ?? string.Empty,
            ScorecardDimension.District => grievance.Location.District,
            ScorecardDimension.Officer => grievance.Officer?.Value ?? string.Empty,
            ScorecardDimension.Channel => grievance.Channel.Code,
            _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown scorecard dimension."),
        };
    }
}
