using Grievance.Workflow.Storage;

namespace Grievance.Workflow.Tests.Support;

/// <summary>A store that yields before every answer, so that the engine completes commands asynchronously, as on a database.</summary>
internal sealed class YieldingStore(IGrievanceStore inner) : IGrievanceStore
{
    public ValueTask<GrievanceSnapshot?> FindAsync(GrievanceId id, CancellationToken cancellationToken)
        => Later(() => inner.FindAsync(id, cancellationToken));

    public ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken)
        => Later(() => inner.FindByReferenceAsync(referenceNumber, cancellationToken));

    public ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken)
        => Later(() => inner.GetHistoryAsync(id, cancellationToken));

    public ValueTask<HistoryEntry?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken)
        => Later(() => inner.FindByCommandIdAsync(commandId, cancellationToken));

    public ValueTask<ContactDetails?> GetContactDetailsAsync(GrievanceId id, CancellationToken cancellationToken)
        => Later(() => inner.GetContactDetailsAsync(id, cancellationToken));

    public ValueTask CreateAsync(GrievanceCreation creation, CancellationToken cancellationToken)
        => new(Later(async () => { await inner.CreateAsync(creation, cancellationToken); return true; }).AsTask());

    public ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken)
        => new(Later(async () => { await inner.SaveAsync(change, cancellationToken); return true; }).AsTask());

    private static async ValueTask<T> Later<T>(Func<ValueTask<T>> answer)
    {
        await Task.Yield();
        return await answer();
    }
}
