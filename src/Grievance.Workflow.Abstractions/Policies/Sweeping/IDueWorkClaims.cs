using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Sweeping;

/// <summary>
/// Optional beside <see cref="IDueWorkQuery"/>, for stores that several nodes share: a sweeper claims the due work it will handle
/// for a while, so that sweepers on N nodes share the due work out instead of all reading the same first batch and racing on it.
/// Without it every sweeper reads everything due, and the version checks keep the outcome right at N times the work.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe, and two claimants must never both be given the same live claim. A claim is on a grievance's
/// timer (its timer token): once the timer changes, the claim is void. An expired claim may be taken by anyone.
/// </remarks>
public interface IDueWorkClaims
{
    /// <summary>
    /// Finds due work as <see cref="IDueWorkQuery.FindDueAsync"/> does, leaving out what another claimant holds, and claims what it
    /// returns for <paramref name="claimant"/> until <paramref name="claimedUntil"/>.
    /// </summary>
    /// <param name="kind">Which timer.</param>
    /// <param name="dueBy">The moment the timers must have run out by; also the moment claims held until then have expired.</param>
    /// <param name="limit">At most this many, 1 or more.</param>
    /// <param name="after">The last item of the previous page, or <see langword="null"/> for the first page.</param>
    /// <param name="claimant">Who claims: a name unique to the sweeper (node and instance), at most <see cref="GrievanceLimits.MaxIdentifierLength"/> characters.</param>
    /// <param name="claimedUntil">When the claims expire, after <paramref name="dueBy"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The items now claimed by <paramref name="claimant"/>, ordered by due time, then grievance id: fewer than
    /// <paramref name="limit"/> only when nothing more is due and unclaimed, so a sweeper takes a short page for the last. An item
    /// another claimant wins in a race with this call is made up for by later ones, not left as a gap in the page.
    /// </returns>
    ValueTask<IReadOnlyList<DueWorkItem>> ClaimDueAsync(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, CancellationToken cancellationToken);

    /// <summary>Gives up <paramref name="claimant"/>'s claims on the grievances, handled or not; claims of others are left alone.</summary>
    /// <param name="grievances">The grievances.</param>
    /// <param name="claimant">Who claimed them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when released.</returns>
    ValueTask ReleaseAsync(IReadOnlyList<GrievanceId> grievances, string claimant, CancellationToken cancellationToken);
}
