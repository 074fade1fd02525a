using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Sweeping;

/// <summary>
/// Optional beside <see cref="IDueWorkClaims"/>: claims due work as <see cref="IDueWorkClaims.ClaimDueAsync"/> does and returns
/// the claimed grievances themselves, read by the claim's own query, so that a sweeper decides a page from that one read instead
/// of reading the page's grievances again by id (on PostgreSQL, a sweep of 1,000 items then makes one read of the table, not two).
/// </summary>
/// <remarks>
/// Implementations must be thread-safe and claim exactly as <see cref="IDueWorkClaims.ClaimDueAsync"/> does. A snapshot is the
/// grievance as the claim read it: a change committed after that fails the version check of the command decided on it, as it
/// would for a command decided on a later read.
/// </remarks>
public interface IDueGrievanceClaims : IDueWorkClaims
{
    /// <summary>
    /// Claims due work for <paramref name="claimant"/> as <see cref="IDueWorkClaims.ClaimDueAsync"/> does, returning the claimed
    /// grievances as stored when claimed.
    /// </summary>
    /// <param name="kind">Which timer.</param>
    /// <param name="dueBy">The moment the timers must have run out by; also the moment claims held until then have expired.</param>
    /// <param name="limit">At most this many, 1 or more.</param>
    /// <param name="after">The last item of the previous page (<see cref="DueWorkItem.Of"/> of its last grievance), or <see langword="null"/> for the first page.</param>
    /// <param name="claimant">Who claims: a name unique to the sweeper (node and instance), at most <see cref="GrievanceLimits.MaxIdentifierLength"/> characters.</param>
    /// <param name="claimedUntil">When the claims expire, after <paramref name="dueBy"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The grievances now claimed by <paramref name="claimant"/>, in the order and number <see cref="IDueWorkClaims.ClaimDueAsync"/>
    /// would return their items.
    /// </returns>
    ValueTask<IReadOnlyList<GrievanceSnapshot>> ClaimDueGrievancesAsync(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, CancellationToken cancellationToken);
}
