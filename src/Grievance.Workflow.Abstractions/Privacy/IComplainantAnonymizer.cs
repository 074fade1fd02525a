using System;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Privacy;

/// <summary>
/// A store's side of data retention: anonymizes the complainants of grievances closed long ago, leaving the workflow data — and so
/// every statistic — intact.
/// </summary>
/// <remarks>Implementations must be thread-safe and must keep an anonymized complainant anonymized when the grievance is written again.</remarks>
public interface IComplainantAnonymizer
{
    /// <summary>
    /// Anonymizes up to <paramref name="limit"/> complainants of grievances closed before <paramref name="closedBefore"/>: erases their
    /// contact details and replaces the complainant id by <see cref="Complainant.AnonymizedId"/>, in the snapshot and as the actor of
    /// every history entry the complainant made, in one atomic write per grievance. Grievances already anonymized are skipped.
    /// </summary>
    /// <param name="closedBefore">The cut-off: grievances closed before it.</param>
    /// <param name="limit">At most this many grievances, 1 or more.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many grievances were anonymized; fewer than <paramref name="limit"/> means none is left.</returns>
    ValueTask<int> AnonymizeClosedBeforeAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken);
}
