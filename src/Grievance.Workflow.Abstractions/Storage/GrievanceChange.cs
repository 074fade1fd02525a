using System;
using System.Collections.Generic;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Storage;

/// <summary>One accepted command's change: the new snapshot, its history entry and its domain events, to be stored together if the version is still the expected one.</summary>
/// <remarks>Immutable and thread-safe. The default value is invalid.</remarks>
public readonly struct GrievanceChange
{
    private readonly GrievanceSnapshot? _previous;

    /// <summary>Creates the value.</summary>
    /// <param name="grievance">The new snapshot, at <see cref="ExpectedVersion"/> + 1.</param>
    /// <param name="entry">The new history entry, whose sequence is the new version.</param>
    /// <param name="events">The domain events to record in the outbox with it, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The versions or ids do not line up.</exception>
    public GrievanceChange(GrievanceSnapshot grievance, HistoryEntry entry, IReadOnlyList<GrievanceEvent>? events = null)
    {
        ArgumentNullException.ThrowIfNull(grievance);
        ArgumentNullException.ThrowIfNull(entry);
        if (grievance.Version < 2 || entry.Sequence != grievance.Version || entry.GrievanceId != grievance.Id)
        {
            throw new ArgumentException($"A change carries a snapshot at version 2 or more and the entry of that version for the same grievance; got version {grievance.Version} and entry {entry.Sequence} of {entry.GrievanceId}.", nameof(entry));
        }

        Grievance = grievance;
        Entry = entry;
        Events = events ?? Array.Empty<GrievanceEvent>();
    }

    /// <summary>Gets the domain events to record in the outbox in the same write.</summary>
    public IReadOnlyList<GrievanceEvent> Events { get; }

    /// <summary>Gets the new snapshot.</summary>
    public GrievanceSnapshot Grievance { get; }

    /// <summary>Gets the new history entry.</summary>
    public HistoryEntry Entry { get; }

    /// <summary>
    /// Gets or initializes the snapshot the change was decided on (at <see cref="ExpectedVersion"/>), so that a store may write only
    /// the fields that differ from it — fewer index entries rewritten. A store that ignores it writes every mutable field.
    /// </summary>
    /// <value>The default is <see langword="null"/>: not given, write every mutable field.</value>
    /// <exception cref="ArgumentException">Set to a snapshot of another grievance or another version than <see cref="ExpectedVersion"/>.</exception>
    public GrievanceSnapshot? Previous
    {
        get => _previous;
        init => _previous = value is null || (value.Id == Grievance.Id && value.Version == Grievance.Version - 1)
            ? value
            : throw new ArgumentException($"The previous snapshot must be grievance {Grievance.Id} at version {Grievance.Version - 1}; got {value.Id} at version {value.Version}.", nameof(value));
    }

    /// <summary>Gets the version the store must still hold: one less than the new snapshot's.</summary>
    public long ExpectedVersion => Grievance.Version - 1;
}
