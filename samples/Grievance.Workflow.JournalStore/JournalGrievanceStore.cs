using Grievance.Workflow.Events;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;

namespace Grievance.Workflow.JournalStore;

/// <summary>
/// A store of your own, worked end to end, that passes the whole conformance kit: every write is appended to a journal file as one
/// JSON line and flushed to the disk before the call returns, then applied to an <see cref="InMemoryGrievanceStore"/>, which
/// answers every read, queue, due-work query, scorecard and flow report. Opening the store replays the journal, so everything
/// written survives a restart: grievances, histories, the outbox (same positions) and its checkpoints, pruning and erasure.
/// </summary>
/// <remarks>
/// <para>What it shows a store author: the one required interface (<see cref="IGrievanceStore"/>) and the six the kit expects, each
/// write atomic (one line; a torn last line from a crash is dropped on open, and a write is acknowledged only once it is on disk),
/// the version check and the taken command id decided before anything is written (here by the in-memory store, under one lock that
/// also fixes the journal's order, so the outbox's order), and a write that fails after it was decided leaving the store refusing
/// every further call until it is opened again — the journal, not memory, is what was acknowledged.</para>
/// <para>What it is not: a store for millions of grievances (all of them live in memory) or for several processes (one writer,
/// one file). Optional interfaces it leaves out — batches, bulk import, claims and leases — cost only speed and multi-node work.</para>
/// <para>Thread-safe: writes are serialized; reads run alongside them.</para>
/// </remarks>
public sealed class JournalGrievanceStore : IGrievanceStore, IDueWorkQuery, IOutboxStore, IOutboxPruner, IGrievanceQuery, IGrievanceStatistics, IGrievanceFlowReports, IComplainantGrievanceQuery, IComplainantAnonymizer, IAsyncDisposable, IDisposable
{
    private readonly InMemoryGrievanceStore _memory;
    private readonly FileStream _journal;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private Exception? _broken;

    private JournalGrievanceStore(InMemoryGrievanceStore memory, FileStream journal)
    {
        _memory = memory;
        _journal = journal;
    }

    /// <summary>Gets the journal file.</summary>
    public string Path => _journal.Name;

    /// <summary>Opens the store on a journal file, made if missing, replaying what it holds.</summary>
    /// <param name="path">The journal file. One process at a time: the file is opened for exclusive use.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The store.</returns>
    /// <exception cref="InvalidDataException">A line other than the last cannot be read: the file was damaged, not torn by a crash.</exception>
    public static async Task<JournalGrievanceStore> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var journal = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.Asynchronous);
        try
        {
            var memory = new InMemoryGrievanceStore();
            var bytes = new byte[journal.Length];
            await journal.ReadExactlyAsync(bytes, cancellationToken);
            var start = 0;
            for (var line = 1; start < bytes.Length; line++)
            {
                var end = Array.IndexOf(bytes, (byte)'\n', start);
                if (end < 0)
                {
                    break; // a torn last line: the write it began was never acknowledged
                }

                var record = Read(bytes.AsSpan(start, end - start), path, line);
                await record.ApplyAsync(memory, cancellationToken);
                start = end + 1;
            }

            journal.SetLength(start);
            journal.Position = start;
            return new JournalGrievanceStore(memory, journal);
        }
        catch
        {
            await journal.DisposeAsync();
            throw;
        }
    }

    private static JournalRecord Read(ReadOnlySpan<byte> line, string path, int number)
    {
        try
        {
            return JournalRecord.FromLine(line) ?? throw new InvalidDataException($"Line {number} of the journal {path} is empty.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidDataException($"Line {number} of the journal {path} cannot be read: {ex.Message}", ex);
        }
    }

    // Reads: the in-memory state, which is everything the journal holds.

    /// <inheritdoc />
    public ValueTask<GrievanceSnapshot?> FindAsync(GrievanceId id, CancellationToken cancellationToken) => Ready()._memory.FindAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken) => Ready()._memory.FindByReferenceAsync(referenceNumber, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken) => Ready()._memory.GetHistoryAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<HistoryEntry?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken) => Ready()._memory.FindByCommandIdAsync(commandId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ContactDetails?> GetContactDetailsAsync(GrievanceId id, CancellationToken cancellationToken) => Ready()._memory.GetContactDetailsAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DueWorkItem>> FindDueAsync(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, CancellationToken cancellationToken) => Ready()._memory.FindDueAsync(kind, dueBy, limit, after, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GrievanceSnapshot>> FindAsync(GrievanceFilter filter, int limit, GrievancePageCursor? after, CancellationToken cancellationToken) => Ready()._memory.FindAsync(filter, limit, after, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GrievanceScorecard>> GetScorecardsAsync(ScorecardQuery query, CancellationToken cancellationToken) => Ready()._memory.GetScorecardsAsync(query, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GrievanceFlow>> GetFlowsAsync(FlowQuery query, CancellationToken cancellationToken) => Ready()._memory.GetFlowsAsync(query, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GrievanceSnapshot>> FindByComplainantAsync(string complainantId, DateTimeOffset registeredFrom, int limit, CancellationToken cancellationToken)
        => Ready()._memory.FindByComplainantAsync(complainantId, registeredFrom, limit, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxMessage>> ReadAsync(long afterPosition, int limit, CancellationToken cancellationToken) => Ready()._memory.ReadAsync(afterPosition, limit, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> GetCheckpointAsync(string handler, CancellationToken cancellationToken) => Ready()._memory.GetCheckpointAsync(handler, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxCheckpoint>> GetCheckpointsAsync(CancellationToken cancellationToken) => Ready()._memory.GetCheckpointsAsync(cancellationToken);

    // Writes: decided and applied in memory, then journaled, one at a time.

    /// <inheritdoc />
    public async ValueTask CreateAsync(GrievanceCreation creation, CancellationToken cancellationToken)
        => await WriteAsync(JournalRecord.Create(creation), m => m.CreateAsync(creation, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken)
        => await WriteAsync(JournalRecord.Save(change), m => m.SaveAsync(change, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async ValueTask RecordDeliveriesAsync(string handler, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
        => await WriteAsync(JournalRecord.Delivered(handler, deliveries), m => m.RecordDeliveriesAsync(handler, deliveries, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async ValueTask<int> PruneAsync(long upToPosition, DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken)
        => await WriteAsync(JournalRecord.Prune(upToPosition, recordedBefore, limit), m => m.PruneAsync(upToPosition, recordedBefore, limit, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> ForgetHandlerAsync(string handler, CancellationToken cancellationToken)
        => await WriteAsync(JournalRecord.Forget(handler), m => m.ForgetHandlerAsync(handler, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async ValueTask<int> AnonymizeClosedBeforeAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken)
        => await WriteAsync(JournalRecord.Anonymize(closedBefore, limit), m => m.AnonymizeClosedBeforeAsync(closedBefore, limit, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _journal.DisposeAsync();
        _writer.Dispose();
    }

    /// <inheritdoc />
    /// <remarks>Both disposals close the file; a container that disposes synchronously needs this one.</remarks>
    public void Dispose()
    {
        _journal.Dispose();
        _writer.Dispose();
    }

    private async Task WriteAsync(JournalRecord record, Func<InMemoryGrievanceStore, ValueTask> apply, CancellationToken cancellationToken)
        => await WriteAsync(record, async m =>
        {
            await apply(m);
            return true;
        }, cancellationToken);

    /// <summary>
    /// One write: under the lock, the in-memory store decides it (a stale version or a taken command id throws here, and nothing is
    /// written); then the line goes to the disk, past cancellation, since memory already holds it. If the disk refuses, the store
    /// stops answering: memory would be ahead of what was acknowledged.
    /// </summary>
    private async Task<T> WriteAsync<T>(JournalRecord record, Func<InMemoryGrievanceStore, ValueTask<T>> apply, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            Ready();
            var result = await apply(_memory);
            try
            {
                await _journal.WriteAsync(record.ToLine(), CancellationToken.None);
                _journal.Flush(flushToDisk: true);
            }
            catch (Exception ex)
            {
                _broken = ex;
                throw;
            }

            return result;
        }
        finally
        {
            _writer.Release();
        }
    }

    private JournalGrievanceStore Ready() => _broken is null
        ? this
        : throw new InvalidOperationException($"The journal {Path} could not be written; open the store again to continue from what it holds.", _broken);
}
