using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Sweeping;

namespace Grievance.Workflow.Storage;

/// <summary>
/// A real, thread-safe <see cref="IGrievanceStore"/> in process memory: the default store, for tests, demos and single-process
/// hosts that need no durability. A change is applied whole or not at all.
/// </summary>
/// <remarks>
/// Thread-safe. Each grievance has its own lock for writes; reading a snapshot takes no lock. History is kept the way an embedded
/// database keeps it, as compact binary records in one byte buffer per grievance, and decoded when read: the garbage collector has
/// nothing to trace in it however much history the store holds. The outbox keeps, for each of the engine's events, only where
/// its history entry is (a 56-byte record), and rebuilds the event when read. Everything is lost when the process ends.
/// </remarks>
public sealed partial class InMemoryGrievanceStore : IGrievanceStore, IDueWorkQuery, IOutboxStore, IOutboxPruner, IGrievanceQuery, IGrievanceStatistics, IGrievanceFlowReports, IComplainantAnonymizer
{
    private const int OutboxPageSize = 64 * 1024;
    private const int OutboxChunkSize = 1024;

    // The outbox: one fixed-size record per event, in position order, in chunks below the large-object heap. The engine's events
    // point at the history record they derive from (nothing is copied); events a caller made itself are encoded in 64 KiB pages.
    // Pruning drops a prefix: records before _outboxFirst are gone, and so are the chunks and pages that held only them.
    private readonly List<OutboxRecord[]?> _outbox = new();
    private int _outboxCount;
    private int _outboxFirst;
    private readonly List<byte[]?> _outboxPages = new();
    private int _outboxPageUsed = OutboxPageSize;
    private readonly Dictionary<string, long> _checkpoints = new(StringComparer.Ordinal);
    private readonly object _outboxLock = new();

    private readonly ConcurrentDictionary<GrievanceId, Slot> _grievances = new();
    private readonly ConcurrentDictionary<ReferenceNumber, GrievanceId> _references = new();
    private readonly ConcurrentDictionary<CommandId, (GrievanceId Grievance, long Sequence)> _commands = new();
    private readonly object _createLock = new();

    /// <summary>Gets how many grievances are stored.</summary>
    public int Count => _grievances.Count;

    /// <inheritdoc />
    public ValueTask<GrievanceSnapshot?> FindAsync(GrievanceId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_grievances.TryGetValue(id, out var slot) ? slot.Current : null);
    }

    /// <inheritdoc />
    public ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_references.TryGetValue(referenceNumber, out var id) && _grievances.TryGetValue(id, out var slot) ? slot.Current : null);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_grievances.TryGetValue(id, out var slot) ? slot.ReadHistory(upTo: long.MaxValue) : Array.Empty<HistoryEntry>());
    }

    /// <inheritdoc />
    public ValueTask<HistoryEntry?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_commands.TryGetValue(commandId, out var key) || !_grievances.TryGetValue(key.Grievance, out var slot))
        {
            return new((HistoryEntry?)null);
        }

        var history = slot.ReadHistory(upTo: key.Sequence);
        return new(history.Length >= key.Sequence ? history[key.Sequence - 1] : null);
    }

    /// <inheritdoc />
    public ValueTask<ContactDetails?> GetContactDetailsAsync(GrievanceId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_grievances.TryGetValue(id, out var slot) ? slot.Contact : null);
    }

    /// <inheritdoc />
    public ValueTask CreateAsync(GrievanceCreation creation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var grievance = Utc(creation.Grievance ?? throw new ArgumentException("The creation is the default value.", nameof(creation)));
        // Every step that can fail (encoding the entry and the events) runs before anything is reserved or published.
        var slot = new Slot(grievance, creation.Entry, creation.Contact);
        var eventSizes = MeasureEvents(creation.Events);
        lock (_createLock)
        {
            if (_grievances.ContainsKey(grievance.Id))
            {
                throw new DuplicateGrievanceException(grievance.Id, DuplicateKind.GrievanceId, grievance.Id.ToString());
            }

            if (!_references.TryAdd(grievance.ReferenceNumber, grievance.Id))
            {
                throw new DuplicateGrievanceException(grievance.Id, DuplicateKind.ReferenceNumber, grievance.ReferenceNumber.Value);
            }

            if (creation.Entry.CommandId is { } commandId && !_commands.TryAdd(commandId, (grievance.Id, 1)))
            {
                _references.TryRemove(grievance.ReferenceNumber, out _);
                throw new DuplicateGrievanceException(grievance.Id, DuplicateKind.CommandId, commandId.Value);
            }

            _grievances[grievance.Id] = slot;
            IndexComplainant(grievance);
            AppendToOutbox(creation.Events, eventSizes);
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Save(change);
        return default;
    }

    /// <summary>Applies a change whole or not at all, or throws what <see cref="SaveAsync"/> documents.</summary>
    private void Save(GrievanceChange change)
    {
        var grievance = Utc(change.Grievance ?? throw new ArgumentException("The change is the default value.", nameof(change)));
        if (!_grievances.TryGetValue(grievance.Id, out var slot))
        {
            throw new GrievanceNotFoundException(grievance.Id);
        }

        var eventSizes = MeasureEvents(change.Events);
        var taken = false;
        long stored;
        var commandIdTaken = false;
        try
        {
            slot.Lock.Enter(ref taken);
            stored = slot.Current.Version;
            if (stored == change.ExpectedVersion)
            {
                // Encoding can fail (text a caller built by hand): it runs before the command id is reserved, and what it wrote
                // past the history's end is not published unless the change is.
                var end = slot.Encode(change.Entry, grievance.DueAt);
                commandIdTaken = change.Entry.CommandId is { } commandId && !_commands.TryAdd(commandId, (grievance.Id, change.Entry.Sequence));
                if (!commandIdTaken)
                {
                    // Nothing can fail past this point.
                    slot.Publish(end, grievance);
                    AppendToOutbox(change.Events, eventSizes);
                }
            }
        }
        finally
        {
            if (taken)
            {
                slot.Lock.Exit(useMemoryBarrier: false);
            }
        }

        if (stored != change.ExpectedVersion)
        {
            throw new GrievanceConcurrencyException(grievance.Id, change.ExpectedVersion, stored);
        }

        if (commandIdTaken)
        {
            throw new CommandIdConflictException(change.Entry.CommandId!.Value, grievance.Id, change.Entry.Action, CommandIdDifferences.Unknown);
        }
    }

    /// <summary>The snapshot with every instant in UTC, as the SQL stores return it (no copy when it is so already).</summary>
    private static GrievanceSnapshot Utc(GrievanceSnapshot g)
    {
        static bool Local(DateTimeOffset? t) => t is { Offset.Ticks: not 0 };
        static DateTimeOffset? U(DateTimeOffset? t) => t?.ToUniversalTime();
        return Local(g.RegisteredAt) || Local(g.UpdatedAt) || Local(g.DueAt) || Local(g.FeedbackDueAt) || Local(g.DisposedAt) || Local(g.PausedAt) || Local(g.ClosedAt)
            ? g with
            {
                RegisteredAt = g.RegisteredAt.ToUniversalTime(),
                UpdatedAt = g.UpdatedAt.ToUniversalTime(),
                DueAt = U(g.DueAt),
                FeedbackDueAt = U(g.FeedbackDueAt),
                DisposedAt = U(g.DisposedAt),
                PausedAt = U(g.PausedAt),
                ClosedAt = U(g.ClosedAt),
            }
            : g;
    }
}
