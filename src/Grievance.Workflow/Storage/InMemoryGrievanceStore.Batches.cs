using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage;

// Batches: many reads and many changes in one call, each change applied whole or not at all on its own.
public sealed partial class InMemoryGrievanceStore : IGrievanceBatchStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GrievanceSnapshot>> FindManyAsync(IReadOnlyList<GrievanceId> ids, CancellationToken cancellationToken)
    {
        ChangeBatches.ValidateIds(ids);
        cancellationToken.ThrowIfCancellationRequested();
        var found = new List<GrievanceSnapshot>(ids.Count);
        foreach (var id in ids)
        {
            if (_grievances.TryGetValue(id, out var slot))
            {
                found.Add(slot.Current);
            }
        }

        return new(found);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Memory has no flush to share: each change is applied as <see cref="SaveAsync"/> applies it, in order. Unlike a SQL store's
    /// batch it is not one transaction: a change whose text cannot be encoded (built by hand past the value types' checks) throws
    /// after the changes before it were applied.
    /// </remarks>
    public ValueTask<IReadOnlyList<GrievanceWorkflowException?>> SaveManyAsync(IReadOnlyList<GrievanceChange> changes, CancellationToken cancellationToken)
    {
        ChangeBatches.Validate(changes);
        cancellationToken.ThrowIfCancellationRequested();
        var outcomes = new GrievanceWorkflowException?[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            try
            {
                Save(changes[i]);
            }
            catch (GrievanceWorkflowException ex) when (ex is GrievanceConcurrencyException or GrievanceNotFoundException or CommandIdConflictException)
            {
                outcomes[i] = ex;
            }
        }

        return new(outcomes);
    }
}
