using System;
using System.Collections.Generic;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Import;

/// <summary>
/// A grievance brought in from another system (a legacy desk, an earlier deployment) with its whole history: its latest snapshot,
/// every history entry from registration on, its contact details and, optionally, outbox events to record with it.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. The reference number is the source system's reference: a citizen keeps the number they were given, and
/// an import skips a grievance whose reference number (or id) is in the store already, so running an import again, or resuming one
/// that stopped, brings in only what is missing. The importer checks the record as it checks a command before anything is stored
/// (see <see cref="IGrievanceImporter"/>).
/// </remarks>
public sealed record ImportedGrievance
{
    /// <summary>
    /// Gets the latest snapshot; its <see cref="GrievanceSnapshot.Version"/> is the number of history entries. The importer sets its
    /// <see cref="GrievanceSnapshot.Tally"/> from <see cref="History"/> (<see cref="GrievanceTally.Of"/>); a store's own import takes it as given.
    /// </summary>
    public required GrievanceSnapshot Grievance { get; init; }

    /// <summary>Gets the history, oldest first: sequence 1 (the registration) to the snapshot's version.</summary>
    public required IReadOnlyList<HistoryEntry> History { get; init; }

    /// <summary>Gets the complainant's contact details, kept apart from the workflow data.</summary>
    /// <value>The default is <see langword="null"/>: none.</value>
    public ContactDetails? Contact { get; init; }

    /// <summary>Gets the events to record in the outbox with the grievance, in the same write.</summary>
    /// <value>The default is none. The importer sets one <see cref="GrievanceEventType.Imported"/> event when <see cref="ImportOptions.RecordEvents"/> is on.</value>
    public IReadOnlyList<GrievanceEvent> Events { get; init; } = Array.Empty<GrievanceEvent>();
}
