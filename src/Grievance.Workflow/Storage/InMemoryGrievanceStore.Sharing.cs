using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Sweeping;

namespace Grievance.Workflow.Storage;

// Sharing work between sweepers and dispatchers of one process: claims on due work, leases on outbox handlers.
public sealed partial class InMemoryGrievanceStore : IDueGrievanceClaims, IOutboxLeases
{
    private readonly Dictionary<GrievanceId, (long TimerToken, DateTimeOffset Until, string Claimant)> _claims = new();
    private readonly Dictionary<string, (string Holder, DateTimeOffset Until)> _leases = new(StringComparer.Ordinal);
    private readonly object _sharingLock = new();

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DueWorkItem>> ClaimDueAsync(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
        => new(Claim(kind, dueBy, limit, after, claimant, claimedUntil, cancellationToken).ConvertAll(d => d.Item));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GrievanceSnapshot>> ClaimDueGrievancesAsync(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
        => new(Claim(kind, dueBy, limit, after, claimant, claimedUntil, cancellationToken).ConvertAll(d => d.Grievance));

    private List<(DueWorkItem Item, GrievanceSnapshot Grievance)> Claim(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        ChangeBatches.ValidateName(claimant, nameof(claimant));
        if (claimedUntil <= dueBy)
        {
            throw new ArgumentOutOfRangeException(nameof(claimedUntil), claimedUntil, $"A claim must last past the sweep's moment {dueBy:O}.");
        }

        lock (_sharingLock)
        {
            var claimed = new List<(DueWorkItem Item, GrievanceSnapshot Grievance)>(limit);
            var cursor = after;
            while (claimed.Count < limit)
            {
                var page = FindDue(kind, dueBy, limit, cursor);
                foreach (var (item, grievance) in page)
                {
                    if (claimed.Count < limit && (!_claims.TryGetValue(item.GrievanceId, out var held) || held.Until <= dueBy || held.TimerToken != item.TimerToken || held.Claimant == claimant))
                    {
                        _claims[item.GrievanceId] = (item.TimerToken, claimedUntil, claimant);
                        claimed.Add((item, grievance));
                    }
                }

                if (page.Count < limit)
                {
                    break;
                }

                cursor = page[^1].Item;
            }

            return claimed;
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(IReadOnlyList<GrievanceId> grievances, string claimant, CancellationToken cancellationToken)
    {
        ChangeBatches.ValidateIds(grievances);
        ChangeBatches.ValidateName(claimant, nameof(claimant));
        lock (_sharingLock)
        {
            foreach (var id in grievances)
            {
                if (_claims.TryGetValue(id, out var held) && held.Claimant == claimant)
                {
                    _claims.Remove(id);
                }
            }
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAcquireLeaseAsync(string handler, string holder, DateTimeOffset now, DateTimeOffset heldUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        ChangeBatches.ValidateName(holder, nameof(holder));
        if (heldUntil <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(heldUntil), heldUntil, $"A lease must last past {now:O}.");
        }

        lock (_sharingLock)
        {
            if (_leases.TryGetValue(handler, out var lease) && lease.Until > now && lease.Holder != holder)
            {
                return new(false);
            }

            _leases[handler] = (holder, heldUntil);
            return new(true);
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseLeaseAsync(string handler, string holder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        ChangeBatches.ValidateName(holder, nameof(holder));
        lock (_sharingLock)
        {
            if (_leases.TryGetValue(handler, out var lease) && lease.Holder == holder)
            {
                _leases.Remove(handler);
            }
        }

        return default;
    }
}
