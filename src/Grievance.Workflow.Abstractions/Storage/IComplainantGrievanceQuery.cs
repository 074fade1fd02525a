using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage;

/// <summary>
/// A store's index of grievances by complainant, which intake asks at registration (how many a complainant filed today, and which
/// earlier ones a new complaint likely duplicates). Optional: a store without it cannot serve an intake policy that counts.
/// </summary>
/// <remarks>Implementations must be thread-safe.</remarks>
public interface IComplainantGrievanceQuery
{
    /// <summary>Finds a complainant's grievances registered at or after a moment, newest first.</summary>
    /// <param name="complainantId">The complainant's id (an anonymized complainant's grievances are never found by their old id).</param>
    /// <param name="registeredFrom">The earliest registration time.</param>
    /// <param name="limit">At most this many, from 1 to <see cref="GrievanceLimits.MaxBatchSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grievances, newest first (ties by id).</returns>
    /// <exception cref="ArgumentException"><paramref name="complainantId"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is out of range.</exception>
    ValueTask<IReadOnlyList<GrievanceSnapshot>> FindByComplainantAsync(string complainantId, DateTimeOffset registeredFrom, int limit, CancellationToken cancellationToken);
}
