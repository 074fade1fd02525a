using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage;

/// <summary>
/// Where grievances live. The engine reads through it and writes each accepted command as one atomic change: the new snapshot,
/// its history entry and its domain events (the outbox, see <see cref="Events.IOutboxStore"/>), checked against the expected version.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe and must make <see cref="CreateAsync"/> and <see cref="SaveAsync"/> atomic: a change is
/// stored whole or not at all. Contact details are kept apart from the workflow data.
/// </remarks>
public interface IGrievanceStore
{
    /// <summary>Finds a grievance by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The latest snapshot, or <see langword="null"/>.</returns>
    ValueTask<GrievanceSnapshot?> FindAsync(GrievanceId id, CancellationToken cancellationToken);

    /// <summary>Finds a grievance by reference number.</summary>
    /// <param name="referenceNumber">The reference number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The latest snapshot, or <see langword="null"/>.</returns>
    ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken);

    /// <summary>Reads a grievance's history, oldest first.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries in sequence order; empty when the grievance does not exist.</returns>
    ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken);

    /// <summary>Finds the history entry a command id produced, for idempotent replay.</summary>
    /// <param name="commandId">The command id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, or <see langword="null"/> when no command with that id was applied.</returns>
    ValueTask<HistoryEntry?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken);

    /// <summary>Reads a complainant's contact details, kept apart from the workflow data.</summary>
    /// <param name="id">The grievance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The details, or <see langword="null"/>.</returns>
    ValueTask<ContactDetails?> GetContactDetailsAsync(GrievanceId id, CancellationToken cancellationToken);

    /// <summary>Stores a new grievance (version 1), its first history entry and its contact details, atomically.</summary>
    /// <param name="creation">What to store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="DuplicateGrievanceException">The id, reference number or command id is taken already; nothing was stored.</exception>
    ValueTask CreateAsync(GrievanceCreation creation, CancellationToken cancellationToken);

    /// <summary>Stores a command's change atomically when the stored version is still the expected one.</summary>
    /// <param name="change">What to store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="GrievanceConcurrencyException">The stored version is not the expected one; nothing was stored.</exception>
    /// <exception cref="GrievanceNotFoundException">The grievance does not exist.</exception>
    /// <exception cref="CommandIdConflictException">The entry's command id is taken already; nothing was stored.</exception>
    ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken);
}
