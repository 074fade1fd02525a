using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;

namespace Grievance.Workflow.Tests.Support;

/// <summary>The in-memory store, counting the batch reads by id and the claims that return grievances, to tell which read a sweep decides on.</summary>
internal sealed class CountingClaimStore(InMemoryGrievanceStore inner) : ForwardingStore(inner), IGrievanceBatchStore, IDueGrievanceClaims, IDueWorkQuery
{
    private int _readsById;
    private int _grievanceClaims;

    /// <summary>Gets how many times grievances were read by id in a batch (<see cref="IGrievanceBatchStore.FindManyAsync"/>).</summary>
    public int ReadsById => Volatile.Read(ref _readsById);

    /// <summary>Gets how many claims returned grievances (<see cref="IDueGrievanceClaims.ClaimDueGrievancesAsync"/>).</summary>
    public int GrievanceClaims => Volatile.Read(ref _grievanceClaims);

    public ValueTask<IReadOnlyList<GrievanceSnapshot>> FindManyAsync(IReadOnlyList<GrievanceId> ids, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _readsById);
        return inner.FindManyAsync(ids, cancellationToken);
    }

    public ValueTask<IReadOnlyList<GrievanceWorkflowException?>> SaveManyAsync(IReadOnlyList<GrievanceChange> changes, CancellationToken cancellationToken) => inner.SaveManyAsync(changes, cancellationToken);

    public ValueTask<IReadOnlyList<DueWorkItem>> FindDueAsync(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, CancellationToken cancellationToken)
        => inner.FindDueAsync(kind, dueBy, limit, after, cancellationToken);

    public ValueTask<IReadOnlyList<DueWorkItem>> ClaimDueAsync(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
        => inner.ClaimDueAsync(kind, dueBy, limit, after, claimant, claimedUntil, cancellationToken);

    public ValueTask<IReadOnlyList<GrievanceSnapshot>> ClaimDueGrievancesAsync(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _grievanceClaims);
        return inner.ClaimDueGrievancesAsync(kind, dueBy, limit, after, claimant, claimedUntil, cancellationToken);
    }

    public ValueTask ReleaseAsync(IReadOnlyList<GrievanceId> grievances, string claimant, CancellationToken cancellationToken) => inner.ReleaseAsync(grievances, claimant, cancellationToken);
}
