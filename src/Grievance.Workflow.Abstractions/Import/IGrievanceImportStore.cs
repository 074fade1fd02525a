using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Import;

/// <summary>
/// Optional for a store: stores many imported grievances, each with its whole history, in one write (on PostgreSQL by binary
/// <c>COPY</c>). The importer (<see cref="IGrievanceImporter"/>) checks the records first; a store only skips what is in already.
/// </summary>
/// <remarks>Implementations must be thread-safe. Run one import of a source at a time: two importers of the same records may fail each other's writes (rerun, and each skips what the other stored).</remarks>
public interface IGrievanceImportStore
{
    /// <summary>Stores the grievances that are not in the store yet, in one atomic write: all of those, or none on an error.</summary>
    /// <param name="grievances">The checked records, at most <see cref="GrievanceLimits.MaxBatchSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One item per record, in the same order: <see langword="true"/> when stored, <see langword="false"/> when a grievance with its
    /// id or reference number was in the store already (or earlier in the batch), so nothing of it was stored.
    /// </returns>
    ValueTask<IReadOnlyList<bool>> ImportAsync(IReadOnlyList<ImportedGrievance> grievances, CancellationToken cancellationToken);
}
