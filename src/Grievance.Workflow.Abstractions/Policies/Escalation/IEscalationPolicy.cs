using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Escalation;

/// <summary>
/// Decides what a complainant's dissatisfaction does: reopen at the same level, move up to a higher level, or close at the
/// final level. Asked before the lifecycle fires; may be asynchronous.
/// </summary>
/// <remarks>Implementations must be thread-safe: one instance serves all grievances at once.</remarks>
public interface IEscalationPolicy
{
    /// <summary>Decides on a dissatisfied grievance.</summary>
    /// <param name="request">The grievance and the moment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision.</returns>
    ValueTask<EscalationDecision> DecideAsync(EscalationRequest request, CancellationToken cancellationToken);
}
