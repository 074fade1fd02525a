using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Authorization;

/// <summary>Decides which actor may take which action on which grievance. Asked before anything else is decided or stored.</summary>
/// <remarks>Implementations must be thread-safe: one instance serves all grievances at once.</remarks>
public interface IAuthorizationPolicy
{
    /// <summary>Decides whether the actor may take the action.</summary>
    /// <param name="request">The actor, the action and the grievance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Allowed, or refused with a reason.</returns>
    ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken);
}
