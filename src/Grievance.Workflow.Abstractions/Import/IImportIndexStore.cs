using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Import;

/// <summary>
/// Optional for an import store with secondary indexes (the SQLite and PostgreSQL stores): takes them down for a first load and
/// builds them again afterwards, each by one pass over the table — much cheaper than an entry per row once an index outgrows the
/// page cache. The importer does both when <see cref="ImportOptions.DeferIndexes"/> is set.
/// </summary>
/// <remarks>
/// Keys and unique indexes stay up: duplicates are still refused while the others are down. The definitions of the indexes taken
/// down are kept in the store, in the same transaction as the drop, so a crash loses none: the store builds them again when it
/// next starts. Stores with rollups (the dashboards' daily totals) may also defer those while the indexes are down, adding the
/// imported grievances up in memory and writing them in <see cref="RebuildIndexesAsync"/>; after a crash they compute them again
/// from the rows. Implementations must be thread-safe.
/// </remarks>
public interface IImportIndexStore
{
    /// <summary>Takes down the store's non-unique secondary indexes, keeping their definitions.</summary>
    /// <param name="cancellationToken">Cancels the call; nothing is taken down then.</param>
    /// <returns>How many indexes were taken down (0 when they were down already).</returns>
    ValueTask<int> SuspendIndexesAsync(CancellationToken cancellationToken);

    /// <summary>Writes the rollups owed, then builds every index <see cref="SuspendIndexesAsync"/> took down, each in its own transaction.</summary>
    /// <param name="cancellationToken">Cancels the call; the indexes built so far stay, the rest are built by the next call or start.</param>
    /// <returns>How many indexes were built.</returns>
    ValueTask<int> RebuildIndexesAsync(CancellationToken cancellationToken);
}
