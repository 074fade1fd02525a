using Grievance.Workflow.Storage;

namespace Grievance.Workflow.Tests.Support;

/// <summary>A store that passes every call to another: the base of test stores that change or count one or two calls.</summary>
internal abstract class ForwardingStore(IGrievanceStore inner) : IGrievanceStore
{
    public virtual ValueTask<GrievanceSnapshot?> FindAsync(GrievanceId id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public virtual ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken) => inner.FindByReferenceAsync(referenceNumber, cancellationToken);

    public virtual ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken) => inner.GetHistoryAsync(id, cancellationToken);

    public virtual ValueTask<HistoryEntry?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken) => inner.FindByCommandIdAsync(commandId, cancellationToken);

    public virtual ValueTask<ContactDetails?> GetContactDetailsAsync(GrievanceId id, CancellationToken cancellationToken) => inner.GetContactDetailsAsync(id, cancellationToken);

    public virtual ValueTask CreateAsync(GrievanceCreation creation, CancellationToken cancellationToken) => inner.CreateAsync(creation, cancellationToken);

    public virtual ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken) => inner.SaveAsync(change, cancellationToken);
}
