using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Statistics;

/// <summary>Computes scorecards per department, district, officer or channel, in the store (aggregate queries for SQL stores).</summary>
/// <remarks>
/// Implementations must be thread-safe and must give the same figures as every other store for the same data: the definitions are
/// those of <see cref="GrievanceScorecard"/>'s members.
/// </remarks>
public interface IGrievanceStatistics
{
    /// <summary>Computes the scorecards.</summary>
    /// <param name="query">Which grievances and how to group them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One scorecard per key that has grievances in the period, ordered by key (ordinal).</returns>
    ValueTask<IReadOnlyList<GrievanceScorecard>> GetScorecardsAsync(ScorecardQuery query, CancellationToken cancellationToken);
}
