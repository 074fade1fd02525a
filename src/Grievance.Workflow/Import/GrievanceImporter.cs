using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Import;

/// <summary>
/// The default importer: reads the source in batches of <see cref="ImportOptions.BatchSize"/>, checks each record, and stores each
/// batch's accepted records with one <see cref="IGrievanceImportStore.ImportAsync"/> write. Each batch is atomic, and records in the
/// store already are skipped, so after a crash the same import run again resumes where the last stored batch ended.
/// </summary>
/// <remarks>Thread-safe; holds no state between imports.</remarks>
public sealed class GrievanceImporter : IGrievanceImporter
{
    private readonly IGrievanceImportStore _store;

    /// <summary>Creates the importer.</summary>
    /// <param name="store">The store; it must implement <see cref="IGrievanceImportStore"/> (the three stores of this library do).</param>
    /// <exception cref="ArgumentException">The store cannot import.</exception>
    public GrievanceImporter(Storage.IGrievanceStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store as IGrievanceImportStore
            ?? throw new ArgumentException($"The store {store.GetType().Name} does not implement IGrievanceImportStore, so it cannot import.", nameof(store));
    }

    /// <inheritdoc />
    public async ValueTask<ImportResult> ImportAsync(
        IAsyncEnumerable<ImportedGrievance> source, ImportOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new ImportOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.BatchSize, GrievanceLimits.MaxBatchSize, nameof(options));
        var indexes = options.DeferIndexes ? _store as IImportIndexStore : null;
        if (indexes is not null)
        {
            await indexes.SuspendIndexesAsync(cancellationToken).ConfigureAwait(false);
        }

        ImportResult result;
        try
        {
            result = await ImportCoreAsync(source, options, progress, cancellationToken).ConfigureAwait(false);
        }
        catch when (indexes is not null)
        {
            // Failed or cancelled: the store is put back as it was — its indexes built, the stored batches' rollups written — before
            // the error goes up, so what the store writes next is not held back. Should that fail too, the store's next start does it.
            await RestoreQuietlyAsync(indexes).ConfigureAwait(false);
            throw;
        }

        if (indexes is not null)
        {
            await indexes.RebuildIndexesAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Builds the indexes and writes the rollups owed; a failure of that too is left to the store's next start, and the import's own error is the one reported.</summary>
    private static async ValueTask RestoreQuietlyAsync(IImportIndexStore indexes)
    {
        Task restore = indexes.RebuildIndexesAsync(CancellationToken.None).AsTask();
        await restore.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _ = restore.Exception; // observed: the definitions and the rollups owed are kept in the store for its next start
    }

    private async ValueTask<ImportResult> ImportCoreAsync(
        IAsyncEnumerable<ImportedGrievance> source, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var totals = new ImportProgress();
        var rejections = new List<ImportRejection>();
        var batch = new List<ImportedGrievance>(options.BatchSize);

        // One batch is written while the next is read and checked: on two cores the source's parsing hides behind the store.
        Task<(int Imported, int Present)>? writing = null;
        try
        {
            await foreach (var record in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var index = totals.Read;
                totals = totals with { Read = totals.Read + 1 };
                if (ImportChecks.Problem(record) is { } problem)
                {
                    var rejection = new ImportRejection(index, record?.Grievance?.ReferenceNumber.Value ?? string.Empty, problem);
                    if (options.StopOnInvalidRecord)
                    {
                        throw new ImportRecordException(rejection);
                    }

                    totals = totals with { Rejected = totals.Rejected + 1 };
                    if (rejections.Count < ImportResult.MaxRejectionsListed)
                    {
                        rejections.Add(rejection);
                    }

                    continue;
                }

                // The tally is what the history adds up to, whatever the source says: scorecards must agree with the history.
                var tallied = record with { Grievance = record.Grievance with { Tally = GrievanceTally.Of(record.History) } };
                batch.Add(options.RecordEvents ? WithImportedEvent(tallied) : tallied);
                if (batch.Count == options.BatchSize)
                {
                    totals = await WrittenAsync(writing, totals, progress).ConfigureAwait(false);
                    var full = batch;
                    writing = Task.Run(() => WriteAsync(full, cancellationToken), cancellationToken); // stores that do I/O synchronously (SQLite) too
                    batch = new List<ImportedGrievance>(options.BatchSize);
                }
            }
        }
        finally
        {
            if (writing is not null && !writing.IsCompleted)
            {
                // The source failed or the import was cancelled: let the batch in flight finish (whole or not at all) before leaving.
                await ((Task)writing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        totals = await WrittenAsync(writing, totals, progress).ConfigureAwait(false);
        if (batch.Count > 0)
        {
            totals = await WrittenAsync(WriteAsync(batch, cancellationToken), totals, progress).ConfigureAwait(false);
        }

        return new ImportResult(totals, rejections);
    }

    private async Task<(int Imported, int Present)> WriteAsync(List<ImportedGrievance> batch, CancellationToken cancellationToken)
    {
        var stored = await _store.ImportAsync(batch, cancellationToken).ConfigureAwait(false);
        var imported = 0;
        foreach (var done in stored)
        {
            imported += done ? 1 : 0;
        }

        return (imported, batch.Count - imported);
    }

    private static async ValueTask<ImportProgress> WrittenAsync(Task<(int Imported, int Present)>? writing, ImportProgress totals, IProgress<ImportProgress>? progress)
    {
        if (writing is null)
        {
            return totals;
        }

        var (imported, present) = await writing.ConfigureAwait(false);
        totals = totals with { Imported = totals.Imported + imported, AlreadyPresent = totals.AlreadyPresent + present };
        progress?.Report(totals);
        return totals;
    }

    /// <summary>Adds the one <see cref="GrievanceEventType.Imported"/> event: the grievance's state after the import, at its last entry.</summary>
    private static ImportedGrievance WithImportedEvent(ImportedGrievance record)
    {
        var g = record.Grievance;
        var last = record.History[^1];
        var imported = Engine.EventRecorder.Event(last, record.Events.Count, GrievanceEventType.Imported, g.ReferenceNumber, g.Channel, g.DueAt);
        var events = new GrievanceEvent[record.Events.Count + 1];
        for (var i = 0; i < record.Events.Count; i++)
        {
            events[i] = record.Events[i];
        }

        events[^1] = imported;
        return record with { Events = events };
    }
}
