using System.Collections.Generic;

namespace Grievance.Workflow.Statistics;

/// <summary>Ranks scorecards — departments, districts, officers or channels — by marks on weighted parameters.</summary>
/// <remarks>Implementations must be thread-safe.</remarks>
public interface IGrievanceRanking
{
    /// <summary>Ranks scorecards, best first.</summary>
    /// <param name="scorecards">The scorecards of one query.</param>
    /// <returns>Every scorecard with its rank and the marks behind it, best first; equal totals share a rank (1, 2, 2, 4).</returns>
    IReadOnlyList<RankedScorecard> Rank(IReadOnlyList<GrievanceScorecard> scorecards);
}
