using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage;

/// <summary>
/// A real, thread-safe <see cref="IGrievanceStore"/> in process memory: the default store, for tests, demos and single-process
/// hosts that need no durability. Each grievance is guarded by its own lock; a change is applied whole or not at all.
/// </summary>
/// <remarks>Thread-safe. Everything is lost when the process ends.</remarks>
public sealed class InMemoryGrievanceStore : IGrievanceStore
{
    private readonly ConcurrentDictionary<GrievanceId, Slot> _grievances = new();
    private readonly ConcurrentDictionary<ReferenceNumber, GrievanceId> _references = new();
    private readonly ConcurrentDictionary<CommandId, HistoryEntry> _commands = new();
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
        if (!_grievances.TryGetValue(id, out var slot))
        {
            return new(Array.Empty<HistoryEntry>());
        }

        lock (slot)
        {
            return new(slot.History.ToArray());
        }
    }

    /// <inheritdoc />
    public ValueTask<HistoryEntry?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_commands.TryGetValue(commandId, out var entry) ? entry : null);
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
        var grievance = creation.Grievance ?? throw new ArgumentException("The creation is the default value.", nameof(creation));
        lock (_createLock)
        {
            if (_grievances.ContainsKey(grievance.Id))
            {
                throw new DuplicateGrievanceException(grievance.Id, DuplicateKind.GrievanceId, grievance.Id.ToString());
            }

            if (_references.ContainsKey(grievance.ReferenceNumber))
            {
                throw new DuplicateGrievanceException(grievance.Id, DuplicateKind.ReferenceNumber, grievance.ReferenceNumber.Value);
            }

            if (creation.Entry.CommandId is { } commandId && !_commands.TryAdd(commandId, creation.Entry))
            {
                throw new DuplicateGrievanceException(grievance.Id, DuplicateKind.CommandId, commandId.Value);
            }

            var slot = new Slot(grievance, creation.Entry, creation.Contact);
            _references[grievance.ReferenceNumber] = grievance.Id;
            _grievances[grievance.Id] = slot;
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var grievance = change.Grievance ?? throw new ArgumentException("The change is the default value.", nameof(change));
        if (!_grievances.TryGetValue(grievance.Id, out var slot))
        {
            throw new GrievanceNotFoundException(grievance.Id);
        }

        lock (slot)
        {
            var stored = slot.Current.Version;
            if (stored != change.ExpectedVersion)
            {
                throw new GrievanceConcurrencyException(grievance.Id, change.ExpectedVersion, stored);
            }

            if (change.Entry.CommandId is { } commandId && !_commands.TryAdd(commandId, change.Entry))
            {
                var first = _commands[commandId];
                throw new CommandIdConflictException(commandId, grievance.Id, change.Entry.Action, first.GrievanceId, first.Action);
            }

            slot.History.Add(change.Entry);
            slot.Current = grievance;
        }

        return default;
    }

    private sealed class Slot
    {
        private GrievanceSnapshot _current;

        public Slot(GrievanceSnapshot current, HistoryEntry first, ContactDetails? contact)
        {
            _current = current;
            History = new List<HistoryEntry> { first };
            Contact = contact;
        }

        public GrievanceSnapshot Current
        {
            get => Volatile.Read(ref _current);
            set => Volatile.Write(ref _current, value);
        }

        public List<HistoryEntry> History { get; }

        public ContactDetails? Contact { get; }
    }
}
