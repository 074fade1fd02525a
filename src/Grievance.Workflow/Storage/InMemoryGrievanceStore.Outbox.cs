using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Storage;

// The outbox: fixed-size records in position order, checkpoints, reads that rebuild events from history, pruning.
public sealed partial class InMemoryGrievanceStore
{
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



    /// <summary>
    /// Where an outbox event is, and when it occurred (UTC ticks, for pruning): the engine's events name the history record they
    /// derive from (grievance, sequence, index, type; <see cref="Page"/> is -1); any other event is encoded at
    /// <see cref="Offset"/> in page <see cref="Page"/>.
    /// </summary>
    private readonly record struct OutboxRecord(GrievanceId Grievance, long Sequence, long OccurredAtTicks, int Index, GrievanceEventType Type, int Page, int Offset, int Length);
}
