using System.Collections;
using System.Collections.Generic;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Engine;

/// <summary>
/// The domain events of one accepted command, kept as their types plus the history entry and snapshot they derive from: an event
/// object is made only when a store reads it as one. The in-memory store encodes them from these parts directly.
/// </summary>
/// <remarks>Read-only once made; safe to read from several threads (an event made twice is made equal).</remarks>
internal sealed class RecordedEvents : IReadOnlyList<GrievanceEvent>
{
    private GrievanceEvent[]? _events;

    public RecordedEvents(GrievanceEventType[] types, HistoryEntry entry, GrievanceSnapshot after)
        => (Types, Entry, After) = (types, entry, after);

    public GrievanceEventType[] Types { get; }

    public HistoryEntry Entry { get; }

    public GrievanceSnapshot After { get; }

    public int Count => Types.Length;

    public GrievanceEvent this[int index]
    {
        get
        {
            var events = _events ??= new GrievanceEvent[Types.Length];
            return events[index] ??= EventRecorder.Event(Entry, index, Types[index], After.ReferenceNumber, After.Channel, After.DueAt);
        }
    }

    public IEnumerator<GrievanceEvent> GetEnumerator()
    {
        for (var i = 0; i < Types.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
