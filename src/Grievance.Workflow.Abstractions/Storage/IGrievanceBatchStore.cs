using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage;

/// <summary>
/// Optional for a store: reads many grievances at once and commits many independent changes in one write (one transaction, one
/// flush), each checked against its own expected version. The engine uses it for <see cref="IGrievanceWorkflow.ExecuteManyAsync"/>
/// and the sweeper for whole batches of due work; without it they fall back to one read and one write per grievance.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe. Each change is applied whole or not at all, exactly as <see cref="IGrievanceStore.SaveAsync"/>
/// would apply it; a change that cannot be applied is skipped and reported, never aborting the others.
/// </remarks>
public interface IGrievanceBatchStore
{
    /// <summary>Finds the latest snapshots of many grievances in one read.</summary>
    /// <param name="ids">The ids; at most <see cref="GrievanceLimits.MaxBatchSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grievances found, in no particular order; ids not found are left out.</returns>
    /// <exception cref="System.ArgumentException">More ids than <see cref="GrievanceLimits.MaxBatchSize"/>.</exception>
    ValueTask<IReadOnlyList<GrievanceSnapshot>> FindManyAsync(IReadOnlyList<GrievanceId> ids, CancellationToken cancellationToken);

    /// <summary>Stores many changes, each atomically and checked against its own expected version, in one write.</summary>
    /// <param name="changes">The changes, each for a different grievance; at most <see cref="GrievanceLimits.MaxBatchSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One item per change, in the same order: <see langword="null"/> when it was stored, otherwise the error
    /// <see cref="IGrievanceStore.SaveAsync"/> would have thrown for it (<see cref="GrievanceConcurrencyException"/>,
    /// <see cref="GrievanceNotFoundException"/> or <see cref="CommandIdConflictException"/>), and nothing of it was stored.
    /// </returns>
    /// <exception cref="System.ArgumentException">A change is the default value, two changes are for one grievance, or there are too many.</exception>
    /// <remarks>An infrastructure failure (a database or I/O error, cancellation) is thrown; then none of the changes was stored.</remarks>
    ValueTask<IReadOnlyList<GrievanceWorkflowException?>> SaveManyAsync(IReadOnlyList<GrievanceChange> changes, CancellationToken cancellationToken);
}
