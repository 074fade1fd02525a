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
public sealed class InMemoryGrievanceStore : IGrievanceStore, IDueWorkQuery, IOutboxStore, IOutboxPruner, IGrievanceQuery, IGrievanceStatistics, IComplainantAnonymizer
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
            AppendToOutbox(creation.Events, eventSizes);
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
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

        return default;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxCheckpoint>> GetCheckpointsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_outboxLock)
        {
            var checkpoints = new List<OutboxCheckpoint>(_checkpoints.Count);
            foreach (var (handler, position) in _checkpoints)
            {
                checkpoints.Add(new OutboxCheckpoint(handler, position));
            }

            checkpoints.Sort(static (a, b) => string.CompareOrdinal(a.Handler, b.Handler));
            return new(checkpoints);
        }
    }

    /// <inheritdoc />
    /// <remarks>The in-memory store keeps no delivery records beyond the checkpoint.</remarks>
    public ValueTask<bool> ForgetHandlerAsync(string handler, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_outboxLock)
        {
            return new(_checkpoints.Remove(handler));
        }
    }

    /// <inheritdoc />
    /// <remarks>The in-memory store scans its grievances (no index): fine for tests, demos and small desks.</remarks>
    public ValueTask<IReadOnlyList<GrievanceSnapshot>> FindAsync(GrievanceFilter filter, int limit, GrievancePageCursor? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (filter.Order is not (GrievanceOrder.RegistrationTime or GrievanceOrder.DueTime or GrievanceOrder.DisposalTime))
        {
            throw new ArgumentOutOfRangeException(nameof(filter), filter.Order, "Unknown grievance order.");
        }

        if (after is { } given && given.Order != filter.Order)
        {
            throw new ArgumentException($"The cursor was read in {given.Order} order; the filter asks for {filter.Order}.", nameof(after));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var found = new List<(DateTimeOffset Key, GrievanceSnapshot Grievance)>();
        foreach (var slot in _grievances.Values)
        {
            var g = slot.Current;
            if (filter.Matches(g))
            {
                var key = SortKey(g, filter.Order);
                if (after is not { } cursor || Compare(key, g.Id, cursor.Position, cursor.Id) > 0)
                {
                    found.Add((key, g));
                }
            }
        }

        found.Sort((a, b) => Compare(a.Key, a.Grievance.Id, b.Key, b.Grievance.Id));
        var page = new GrievanceSnapshot[Math.Min(limit, found.Count)];
        for (var i = 0; i < page.Length; i++)
        {
            page[i] = found[i].Grievance;
        }

        return new(page);
    }

    /// <inheritdoc />
    /// <remarks>The in-memory store scans its grievances and decodes the history of those in the period.</remarks>
    public ValueTask<IReadOnlyList<GrievanceScorecard>> GetScorecardsAsync(ScorecardQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var groups = new SortedDictionary<string, InMemoryScorecard>(StringComparer.Ordinal);
        foreach (var slot in _grievances.Values)
        {
            var g = slot.Current;
            if (g.RegisteredAt < query.From || g.RegisteredAt >= query.To)
            {
                continue;
            }

            var key = query.Dimension switch
            {
                ScorecardDimension.Department => g.Department?.Value ?? string.Empty,
                ScorecardDimension.District => g.Location.District,
                ScorecardDimension.Officer => g.Officer?.Value ?? string.Empty,
                _ => g.Channel.Code,
            };
            if (!groups.TryGetValue(key, out var group))
            {
                groups.Add(key, group = new InMemoryScorecard());
            }

            group.Add(g, slot.ReadHistory(g.Version), query.AsOf);
        }

        var scorecards = new List<GrievanceScorecard>(groups.Count);
        foreach (var (key, group) in groups)
        {
            scorecards.Add(group.ToScorecard(key));
        }

        return new(scorecards);
    }

    /// <inheritdoc />
    public ValueTask<int> AnonymizeClosedBeforeAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var anonymized = 0;
        foreach (var slot in _grievances.Values)
        {
            if (anonymized == limit)
            {
                break;
            }

            var g = slot.Current;
            if (g.ClosedAt < closedBefore && !Slot.IsAnonymized(g) && slot.Anonymize())
            {
                anonymized++;
            }
        }

        return new(anonymized);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxMessage>> ReadAsync(long afterPosition, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        OutboxMessage[] messages;
        OutboxRecord[] records;
        int start;
        lock (_outboxLock)
        {
            // Positions are 1, 2, 3…: position p sits at index p - 1.
            start = (int)Math.Clamp(afterPosition, _outboxFirst, _outboxCount);
            messages = new OutboxMessage[Math.Min(limit, _outboxCount - start)];
            records = new OutboxRecord[messages.Length];
            for (var i = 0; i < records.Length; i++)
            {
                var index = start + i;
                var record = records[i] = OutboxAt(index);
                if (record.Page >= 0)
                {
                    messages[i] = new OutboxMessage(index + 1, EventCodec.Read(_outboxPages[record.Page]!.AsSpan(record.Offset, record.Length)));
                }
            }
        }

        // Rebuilt from the history outside the outbox lock: writers take a grievance's lock first and the outbox lock second. A
        // record is published only after its history entry, which never changes, so the entry is there to read.
        for (var i = 0; i < records.Length; i++)
        {
            if (records[i].Page < 0)
            {
                var record = records[i];
                messages[i] = new OutboxMessage(start + i + 1, _grievances[record.Grievance].ReadEvent(record.Sequence, record.Index, record.Type));
            }
        }

        return new(messages);
    }

    /// <inheritdoc />
    public ValueTask<long> GetCheckpointAsync(string handler, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_outboxLock)
        {
            return new(_checkpoints.GetValueOrDefault(handler));
        }
    }

    /// <inheritdoc />
    public ValueTask RecordDeliveriesAsync(string handler, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        ArgumentNullException.ThrowIfNull(deliveries);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_outboxLock)
        {
            OutboxDeliveries.Validate(handler, deliveries, _checkpoints.GetValueOrDefault(handler), _outboxCount);
            _checkpoints[handler] = deliveries[^1].Position;
        }

        return default;
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

    /// <summary>
    /// Measures the events a caller built itself, which encodes their text: whatever cannot be encoded fails here, before any change.
    /// The engine's events are rebuilt from their history entry and need no measuring.
    /// </summary>
    /// <returns>Each event's encoded size, for <see cref="AppendToOutbox"/>.</returns>
    private static int[] MeasureEvents(IReadOnlyList<GrievanceEvent> events)
    {
        if (events is Engine.RecordedEvents || events.Count == 0)
        {
            return [];
        }

        var sizes = new int[events.Count];
        for (var i = 0; i < sizes.Length; i++)
        {
            sizes[i] = EventCodec.SizeOf(events[i]);
        }

        return sizes;
    }

    /// <summary>Appends a change's events; <paramref name="sizes"/> are those <see cref="MeasureEvents"/> gave. Nothing here can fail.</summary>
    private void AppendToOutbox(IReadOnlyList<GrievanceEvent> events, int[] sizes)
    {
        if (events.Count == 0)
        {
            return;
        }

        lock (_outboxLock)
        {
            // The engine's events are rebuilt from the history entry saved with them: only where to find it is recorded.
            if (events is Engine.RecordedEvents recorded)
            {
                for (var i = 0; i < recorded.Types.Length; i++)
                {
                    AddToOutbox(new OutboxRecord(recorded.After.Id, recorded.Entry.Sequence, recorded.Entry.OccurredAt.UtcTicks, i, recorded.Types[i], Page: -1, Offset: 0, Length: 0));
                }

                return;
            }

            for (var i = 0; i < events.Count; i++)
            {
                var size = sizes[i];
                if (_outboxPageUsed + size > OutboxPageSize)
                {
                    _outboxPages.Add(new byte[Math.Max(OutboxPageSize, size)]);
                    _outboxPageUsed = 0;
                }

                EventCodec.Write(events[i], _outboxPages[^1]!.AsSpan(_outboxPageUsed, size));
                AddToOutbox(new OutboxRecord(default, 0, events[i].OccurredAt.UtcTicks, 0, default, _outboxPages.Count - 1, _outboxPageUsed, size));
                _outboxPageUsed += size;
            }
        }
    }

    /// <summary>Appends a record at the outbox's end. Caller holds the outbox lock.</summary>
    private void AddToOutbox(in OutboxRecord record)
    {
        var slot = _outboxCount % OutboxChunkSize;
        if (slot == 0)
        {
            _outbox.Add(new OutboxRecord[OutboxChunkSize]);
        }

        _outbox[^1]![slot] = record;
        _outboxCount++;
    }

    /// <summary>Reads the record at an index (position - 1). Caller holds the outbox lock.</summary>
    private OutboxRecord OutboxAt(int index) => _outbox[index / OutboxChunkSize]![index % OutboxChunkSize];

    /// <inheritdoc />
    /// <remarks>Drops the oldest records in order and stops at the first that must stay; memory is given back a chunk at a time.</remarks>
    public ValueTask<int> PruneAsync(long upToPosition, DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var before = recordedBefore.UtcTicks;
        lock (_outboxLock)
        {
            var end = (int)Math.Clamp(upToPosition, _outboxFirst, Math.Min(_outboxCount, (long)_outboxFirst + limit));
            var pruned = 0;
            var lastPage = -1;
            for (var index = _outboxFirst; index < end; index++)
            {
                var record = OutboxAt(index);
                if (record.OccurredAtTicks >= before)
                {
                    break;
                }

                lastPage = Math.Max(lastPage, record.Page);
                pruned++;
            }

            // Give back the chunks and pages that now hold only pruned records; earlier prunes gave back the ones before them.
            for (var chunk = _outboxFirst / OutboxChunkSize; chunk < (_outboxFirst + pruned) / OutboxChunkSize; chunk++)
            {
                _outbox[chunk] = null;
            }

            for (var page = lastPage - 1; page >= 0 && _outboxPages[page] is not null; page--)
            {
                _outboxPages[page] = null;
            }

            _outboxFirst += pruned;

            return new(pruned);
        }
    }

    /// <inheritdoc />
    /// <remarks>The in-memory store scans its grievances (no index): fine for tests, demos and small desks.</remarks>
    public ValueTask<IReadOnlyList<DueWorkItem>> FindDueAsync(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var due = new List<DueWorkItem>();
        foreach (var slot in _grievances.Values)
        {
            var g = slot.Current;
            var (isDue, at) = kind switch
            {
                DueWorkKind.OfficerDeadline => (g.Status == GrievanceStatus.PendingWithOfficer && !g.IsOverdue && g.DueAt <= dueBy, g.DueAt),
                DueWorkKind.FeedbackWindow => (g.Status == GrievanceStatus.AwaitingFeedback && g.FeedbackDueAt <= dueBy, g.FeedbackDueAt),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown due-work kind."),
            };
            var item = new DueWorkItem(g.Id, at.GetValueOrDefault(), g.TimerToken, g.Version);
            if (isDue && (after is not { } cursor || Compare(item, cursor) > 0))
            {
                due.Add(item);
            }
        }

        due.Sort(Compare);
        return new(due.Count > limit ? due.GetRange(0, limit) : due);
    }

    private static DateTimeOffset SortKey(GrievanceSnapshot g, GrievanceOrder order) => order switch
    {
        GrievanceOrder.DueTime => g.DueAt!.Value,
        GrievanceOrder.DisposalTime => g.DisposedAt!.Value,
        _ => g.RegisteredAt,
    };

    private static int Compare(DueWorkItem a, DueWorkItem b) => Compare(a.DueAt, a.GrievanceId, b.DueAt, b.GrievanceId);

    private static int Compare(DateTimeOffset aTime, GrievanceId aId, DateTimeOffset bTime, GrievanceId bId)
    {
        var byTime = aTime.CompareTo(bTime);
        return byTime != 0 ? byTime : aId.Value.CompareTo(bId.Value);
    }

    /// <summary>
    /// One grievance: its latest snapshot, its history as binary records, its contact details. Writers and history readers hold
    /// <see cref="Lock"/>, a spin lock: the critical sections are a few hundred nanoseconds and never block.
    /// </summary>
    private sealed class Slot
    {
        private SpinLock _lock = new(enableThreadOwnerTracking: false);
        private GrievanceSnapshot _current;
        private byte[] _history = new byte[256];
        private int _length;

        public Slot(GrievanceSnapshot current, HistoryEntry first, ContactDetails? contact)
        {
            _current = current;
            Contact = contact;
            HistoryCodec.Append(ref _history, ref _length, first, current.DueAt);
        }

        public ref SpinLock Lock => ref _lock;

        public static bool IsAnonymized(GrievanceSnapshot g) => string.Equals(g.ComplainantId, Complainant.AnonymizedId, StringComparison.Ordinal);

        public GrievanceSnapshot Current => Volatile.Read(ref _current);

        public ContactDetails? Contact { get; private set; }

        /// <summary>Encodes an entry past the history's end, growing the buffer when needed, and returns the new end; publishes nothing. Caller holds the lock.</summary>
        public int Encode(HistoryEntry entry, DateTimeOffset? dueAt)
        {
            var end = _length;
            HistoryCodec.Append(ref _history, ref end, entry, dueAt);
            return end;
        }

        /// <summary>Publishes the entry <see cref="Encode"/> wrote, then the snapshot; an anonymized complainant stays anonymized. Caller holds the lock.</summary>
        public void Publish(int end, GrievanceSnapshot grievance)
        {
            _length = end;
            if (IsAnonymized(_current) && !IsAnonymized(grievance))
            {
                grievance = grievance with { ComplainantId = Complainant.AnonymizedId };
            }

            Volatile.Write(ref _current, grievance);
        }

        /// <summary>Erases the contact details and replaces the complainant id, keeping the version.</summary>
        /// <returns><see langword="false"/> when another caller anonymized it first.</returns>
        public bool Anonymize()
        {
            var taken = false;
            try
            {
                _lock.Enter(ref taken);
                if (IsAnonymized(_current))
                {
                    return false;
                }

                // The complainant's own entries name them as actor: re-encoded with the anonymized id, in the same critical section.
                var history = new byte[_history.Length];
                var length = 0;
                var anonymized = Actor.Complainant(Complainant.AnonymizedId);
                for (var position = 0; position < _length;)
                {
                    var dueAt = HistoryCodec.DueAtOf(_history.AsSpan(0, _length), position);
                    var entry = HistoryCodec.Read(_history.AsSpan(0, _length), ref position, _current.Id);
                    HistoryCodec.Append(ref history, ref length, entry.Actor.Role == ActorRole.Complainant ? entry with { Actor = anonymized } : entry, dueAt);
                }

                (_history, _length) = (history, length);
                Contact = null;
                Volatile.Write(ref _current, _current with { ComplainantId = Complainant.AnonymizedId });
                return true;
            }
            finally
            {
                if (taken)
                {
                    _lock.Exit(useMemoryBarrier: false);
                }
            }
        }

        /// <summary>Decodes the entries up to a sequence number (all of them with <see cref="long.MaxValue"/>), oldest first.</summary>
        public HistoryEntry[] ReadHistory(long upTo)
        {
            var (buffer, length, current) = Read();
            var entries = new HistoryEntry[Math.Min(current.Version, upTo)];
            var position = 0;
            for (var i = 0; i < entries.Length && position < length; i++)
            {
                entries[i] = HistoryCodec.Read(buffer.AsSpan(0, length), ref position, current.Id);
            }

            return entries;
        }

        /// <summary>Rebuilds an event of the command recorded at a sequence number from its history entry.</summary>
        public GrievanceEvent ReadEvent(long sequence, int index, GrievanceEventType type)
        {
            var (buffer, length, current) = Read();
            var history = buffer.AsSpan(0, length);
            var position = 0;
            for (var skipped = 1L; skipped < sequence; skipped++)
            {
                HistoryCodec.Skip(history, ref position);
            }

            var dueAt = HistoryCodec.DueAtOf(history, position);
            return Engine.EventRecorder.Event(HistoryCodec.Read(history, ref position, current.Id, withText: false), index, type, current.ReferenceNumber, current.Channel, dueAt);
        }

        private (byte[] Buffer, int Length, GrievanceSnapshot Current) Read()
        {
            var taken = false;
            try
            {
                _lock.Enter(ref taken);
                return (_history, _length, _current);
            }
            finally
            {
                if (taken)
                {
                    _lock.Exit(useMemoryBarrier: false);
                }
            }
        }
    }

    /// <summary>
    /// Where an outbox event is, and when it occurred (UTC ticks, for pruning): the engine's events name the history record they
    /// derive from (grievance, sequence, index, type; <see cref="Page"/> is -1); any other event is encoded at
    /// <see cref="Offset"/> in page <see cref="Page"/>.
    /// </summary>
    private readonly record struct OutboxRecord(GrievanceId Grievance, long Sequence, long OccurredAtTicks, int Index, GrievanceEventType Type, int Page, int Offset, int Length);
}
