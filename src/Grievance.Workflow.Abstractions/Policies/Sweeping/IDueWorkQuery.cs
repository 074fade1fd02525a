using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Sweeping;

/// <summary>The store query the due-work sweeper runs: grievances whose timer ran out, oldest first, with stable keyset paging.</summary>
/// <remarks>Implementations must be thread-safe and should answer from an index on the due time.</remarks>
public interface IDueWorkQuery
{
    /// <summary>Finds grievances whose timer of <paramref name="kind"/> is due at or before <paramref name="dueBy"/>.</summary>
    /// <param name="kind">Which timer.</param>
    /// <param name="dueBy">The moment the timers must have run out by.</param>
    /// <param name="limit">At most this many, 1 or more.</param>
    /// <param name="after">The last item of the previous page, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Items ordered by due time, then grievance id.</returns>
    ValueTask<IReadOnlyList<DueWorkItem>> FindDueAsync(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, CancellationToken cancellationToken);
}
