using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Queries;

/// <summary>Lists grievances: work queues, triage, the outbound feedback list, defaulters — filtered and ordered by a <see cref="GrievanceFilter"/>, with keyset paging.</summary>
/// <remarks>Implementations must be thread-safe and should answer from their indexes, not by loading everything.</remarks>
public interface IGrievanceQuery
{
    /// <summary>Finds grievances.</summary>
    /// <param name="filter">Which grievances.</param>
    /// <param name="limit">At most this many, 1 or more.</param>
    /// <param name="after">Where the previous page ended, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grievances, in the filter's order, ties broken by id.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="after"/> was read in another order than the filter's.</exception>
    /// <remarks>
    /// Each page is read at its own instant, not from a snapshot. In registration order a grievance keeps its place; in
    /// <see cref="GrievanceOrder.DueTime"/> or <see cref="GrievanceOrder.DisposalTime"/> order, one whose deadline or disposal time
    /// moves between two pages (extended, reopened, escalated, disposed again) can show on both pages or on neither, and any
    /// grievance can leave or join the filter meanwhile. Work queues are meant to be read again, not walked once as a ledger.
    /// </remarks>
    ValueTask<IReadOnlyList<GrievanceSnapshot>> FindAsync(GrievanceFilter filter, int limit, GrievancePageCursor? after, CancellationToken cancellationToken);
}
