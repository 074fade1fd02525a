namespace Grievance.Workflow.Import;

/// <summary>How an import runs.</summary>
/// <remarks>Left unsealed on purpose so a host can extend it. Not thread-safe while being set.</remarks>
public class ImportOptions
{
    /// <summary>Gets or sets how many records one store write holds.</summary>
    /// <value>The default is 1,000. From 1 to <see cref="GrievanceLimits.MaxBatchSize"/>.</value>
    public int BatchSize { get; set; } = GrievanceLimits.MaxBatchSize;

    /// <summary>Gets or sets whether each imported grievance records an <see cref="Events.GrievanceEventType.Imported"/> event in the outbox, for subscribers that keep a copy of every grievance.</summary>
    /// <value>The default is <see langword="false"/>: history is imported quietly; nobody is sent an SMS about a complaint closed years ago.</value>
    public bool RecordEvents { get; set; }

    /// <summary>Gets or sets whether a refused record stops the import (with <see cref="ImportRecordException"/>) instead of being counted and skipped.</summary>
    /// <value>The default is <see langword="false"/>: refused records are listed in <see cref="ImportResult.Rejections"/> and the import goes on.</value>
    public bool StopOnInvalidRecord { get; set; }

    /// <summary>
    /// Gets or sets whether the store's secondary indexes are taken down for the import and built again after it, each in one pass
    /// over the table instead of one entry per imported row, and the dashboards' rollups added up in memory and written once at the
    /// end (stores that implement <see cref="IImportIndexStore"/>; others ignore it). For a first load of millions into an empty
    /// or nearly empty store.
    /// </summary>
    /// <value>
    /// The default is <see langword="false"/>. While the load runs, queues and searches on the same store are correct but slow and
    /// its scorecards lack the load. An import that fails or is cancelled builds the indexes and writes the stored batches' rollups
    /// before it throws; if the process dies instead, the store's next start builds them and computes the rollups from the rows.
    /// </value>
    public bool DeferIndexes { get; set; }
}
