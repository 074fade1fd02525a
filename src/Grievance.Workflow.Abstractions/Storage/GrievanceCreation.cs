using System;
using System.Collections.Generic;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Storage;

/// <summary>A new grievance to store: its first snapshot, its first history entry and, apart, its contact details.</summary>
/// <remarks>Immutable and thread-safe. The default value is invalid.</remarks>
public readonly struct GrievanceCreation
{
    /// <summary>Creates the value.</summary>
    /// <param name="grievance">The snapshot at version 1.</param>
    /// <param name="entry">The registration entry, sequence 1.</param>
    /// <param name="contact">The contact details, or <see langword="null"/>.</param>
    /// <param name="events">The domain events to record in the outbox with it, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The snapshot is not at version 1 or the entry does not match it.</exception>
    public GrievanceCreation(GrievanceSnapshot grievance, HistoryEntry entry, ContactDetails? contact, IReadOnlyList<GrievanceEvent>? events = null)
    {
        ArgumentNullException.ThrowIfNull(grievance);
        ArgumentNullException.ThrowIfNull(entry);
        if (grievance.Version != 1 || entry.Sequence != 1 || entry.GrievanceId != grievance.Id)
        {
            throw new ArgumentException($"A new grievance is stored at version 1 with entry 1 of the same grievance; got version {grievance.Version} and entry {entry.Sequence} of {entry.GrievanceId}.", nameof(entry));
        }

        Grievance = grievance;
        Entry = entry;
        Contact = contact;
        Events = events ?? Array.Empty<GrievanceEvent>();
    }

    /// <summary>Gets the domain events to record in the outbox in the same write.</summary>
    public IReadOnlyList<GrievanceEvent> Events { get; }

    /// <summary>Gets the snapshot at version 1.</summary>
    public GrievanceSnapshot Grievance { get; }

    /// <summary>Gets the registration entry.</summary>
    public HistoryEntry Entry { get; }

    /// <summary>Gets the contact details, or <see langword="null"/>.</summary>
    public ContactDetails? Contact { get; }
}
