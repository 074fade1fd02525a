using System;
using System.Collections.Generic;
using System.Threading;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Storage;

// One grievance's slot: its snapshot, its history as binary records and its contact details.
public sealed partial class InMemoryGrievanceStore
{
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

        /// <summary>A slot for an imported grievance: its whole history at once; the last entry keeps the snapshot's due time.</summary>
        public Slot(GrievanceSnapshot current, IReadOnlyList<HistoryEntry> history, ContactDetails? contact)
        {
            _current = current;
            Contact = contact;
            for (var i = 0; i < history.Count; i++)
            {
                HistoryCodec.Append(ref _history, ref _length, history[i], i == history.Count - 1 ? current.DueAt : null);
            }
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
}
