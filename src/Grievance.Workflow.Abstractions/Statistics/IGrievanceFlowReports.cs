using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Statistics;

/// <summary>Computes flow reports per department, district, officer or channel: what was received, disposed and left pending in a period.</summary>
/// <remarks>
/// Implementations must be thread-safe and give the same figures as every other store for the same data: the definitions are those of
/// <see cref="GrievanceFlow"/>'s members. Optional for a store of your own: without it, a host has cohort scorecards only.
/// </remarks>
public interface IGrievanceFlowReports
{
    /// <summary>Computes the flow reports.</summary>
    /// <param name="query">The period and the grouping.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One report per key with anything pending or happening in the period, ordered by key (ordinal).</returns>
    ValueTask<IReadOnlyList<GrievanceFlow>> GetFlowsAsync(FlowQuery query, CancellationToken cancellationToken);
}
