using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Import;

/// <summary>
/// Brings historical and open grievances in from another system, with their history, in batches: each record is checked as a
/// command would be (well-formed text and identifiers, a history that starts with the registration and runs without a gap, every
/// entry's state following from the one before, the snapshot matching the last entry), and each batch is stored in one write.
/// A record already in the store (by reference number or id) is skipped, so an import can be run again, or resumed after a crash,
/// from the start of its source.
/// </summary>
/// <remarks>Thread-safe; run one import of a source at a time.</remarks>
public interface IGrievanceImporter
{
    /// <summary>Imports every record of <paramref name="source"/>.</summary>
    /// <param name="source">The records, in any order.</param>
    /// <param name="options">How to import; the defaults when <see langword="null"/>.</param>
    /// <param name="progress">Told the running totals after each batch; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels between batches and while one is written (a batch is stored whole or not at all).</param>
    /// <returns>The totals and the records refused, each with its position in the source and the reason.</returns>
    /// <exception cref="ImportRecordException"><see cref="ImportOptions.StopOnInvalidRecord"/> is on and a record was refused; the batches before it are stored.</exception>
    ValueTask<ImportResult> ImportAsync(IAsyncEnumerable<ImportedGrievance> source, ImportOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default);
}
