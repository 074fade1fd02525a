using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage;

// The index by complainant that intake asks at registration.
public sealed partial class InMemoryGrievanceStore : IComplainantGrievanceQuery
{
    // Each complainant's grievance ids, in the order they were stored; replaced (never changed) under the create lock.
    private readonly ConcurrentDictionary<string, GrievanceId[]> _byComplainant = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GrievanceSnapshot>> FindByComplainantAsync(string complainantId, DateTimeOffset registeredFrom, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(complainantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, GrievanceLimits.MaxBatchSize);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_byComplainant.TryGetValue(complainantId, out var ids))
        {
            return new(Array.Empty<GrievanceSnapshot>());
        }

        // An anonymized grievance keeps its place here but no longer carries the id: it is not found by it.
        var found = ids.Select(id => _grievances[id].Current)
            .Where(g => g.RegisteredAt >= registeredFrom && string.Equals(g.ComplainantId, complainantId, StringComparison.Ordinal))
            .OrderByDescending(g => g.RegisteredAt).ThenByDescending(g => g.Id.Value.ToString("N"), StringComparer.Ordinal)
            .Take(limit)
            .ToArray();
        return new(found);
    }

    /// <summary>Adds a stored grievance to its complainant's ids. Caller holds the create lock.</summary>
    private void IndexComplainant(GrievanceSnapshot grievance)
        => _byComplainant[grievance.ComplainantId] = _byComplainant.TryGetValue(grievance.ComplainantId, out var ids) ? [.. ids, grievance.Id] : [grievance.Id];
}
