using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Routing;

/// <summary>
/// Decides who gets a grievance: which department (at registration) and which officer at a level of a department
/// (at registration, manual routing, transfer and escalation). Asked before the lifecycle fires; may be asynchronous.
/// </summary>
/// <remarks>Implementations must be thread-safe: one instance serves all grievances at once.</remarks>
public interface IRoutingPolicy
{
    /// <summary>Routes a grievance.</summary>
    /// <param name="request">What is to be routed, and why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The department and officer, or why it cannot be routed.</returns>
    ValueTask<RoutingDecision> RouteAsync(RoutingRequest request, CancellationToken cancellationToken);
}
