using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Storage;

namespace Grievance.Workflow.Testing;

/// <summary>
/// An <see cref="IGrievanceStore"/> decorator that makes chosen writes fail — before the write, after it (a lost acknowledgement),
/// or by cancellation — so that a store adapter, and the engine above it, can be shown to leave nothing partial and to apply a
/// retried command exactly once. Reads pass straight through.
/// </summary>
/// <remarks>
/// Thread-safe. Arm it with <see cref="FailWrite"/>; the armed fault fires on the given write (counted from the arming, 1 for the
/// next) and then disarms itself. The conformance kit's fault tests use it on every store; use it in a host's own tests to prove
/// its retry logic.
/// </remarks>
public sealed class FaultInjectingStore : IGrievanceStore
{
    private readonly object _gate = new();
    private WriteFault? _fault;
    private int _countdown;
    private int _writes;
    private int _faults;

    /// <summary>Creates the decorator.</summary>
    /// <param name="inner">The store that does the work.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    public FaultInjectingStore(IGrievanceStore inner) => Inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>Gets the decorated store.</summary>
    public IGrievanceStore Inner { get; }

    /// <summary>Gets how many writes (<see cref="CreateAsync"/> and <see cref="SaveAsync"/>) were attempted through the decorator.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Gets how many faults fired.</summary>
    public int FaultsInjected => Volatile.Read(ref _faults);

    /// <summary>Arms a fault for a coming write.</summary>
    /// <param name="fault">Where the write fails.</param>
    /// <param name="onWrite">Which write from now on fails: 1 for the next.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="onWrite"/> is less than 1, or <paramref name="fault"/> is undefined.</exception>
    public void FailWrite(WriteFault fault, int onWrite = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(onWrite, 1);
        if (!Enum.IsDefined(fault))
        {
            throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unknown write fault.");
        }

        lock (_gate)
        {
            (_fault, _countdown) = (fault, onWrite);
        }
    }

    /// <inheritdoc />
    public ValueTask<GrievanceSnapshot?> FindAsync(GrievanceId id, CancellationToken cancellationToken) => Inner.FindAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken)
        => Inner.FindByReferenceAsync(referenceNumber, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken) => Inner.GetHistoryAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<HistoryEntry?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken) => Inner.FindByCommandIdAsync(commandId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ContactDetails?> GetContactDetailsAsync(GrievanceId id, CancellationToken cancellationToken) => Inner.GetContactDetailsAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask CreateAsync(GrievanceCreation creation, CancellationToken cancellationToken)
        => WriteAsync(nameof(CreateAsync), token => Inner.CreateAsync(creation, token), cancellationToken);

    /// <inheritdoc />
    public ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken)
        => WriteAsync(nameof(SaveAsync), token => Inner.SaveAsync(change, token), cancellationToken);

    private async ValueTask WriteAsync(string operation, Func<CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        var fault = Take();
        switch (fault)
        {
            case WriteFault.BeforeWrite:
                throw new InjectedFaultException(WriteFault.BeforeWrite, operation);
            case WriteFault.Cancellation:
                using (var cancelled = new CancellationTokenSource())
                {
                    await cancelled.CancelAsync().ConfigureAwait(false);
                    await write(cancelled.Token).ConfigureAwait(false);
                }

                throw new InvalidOperationException($"The store's {operation} completed with a cancelled token; it must throw OperationCanceledException and store nothing.");
            case WriteFault.AfterWrite:
                await write(cancellationToken).ConfigureAwait(false);
                throw new InjectedFaultException(WriteFault.AfterWrite, operation);
            default:
                await write(cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private WriteFault? Take()
    {
        lock (_gate)
        {
            if (_fault is not { } fault || --_countdown > 0)
            {
                return null;
            }

            _fault = null;
            Interlocked.Increment(ref _faults);
            return fault;
        }
    }
}
