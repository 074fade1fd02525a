using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Feedback;

/// <summary>
/// Decides what a feedback call's result does: accept a satisfied or dissatisfied answer, keep waiting after an unreachable
/// call, or close without feedback. Asked before the lifecycle fires; may be asynchronous.
/// </summary>
/// <remarks>Implementations must be thread-safe: one instance serves all grievances at once.</remarks>
public interface IFeedbackPolicy
{
    /// <summary>Decides on a feedback call.</summary>
    /// <param name="request">The grievance, the call's result and the moment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision.</returns>
    ValueTask<FeedbackDecision> DecideAsync(FeedbackRequest request, CancellationToken cancellationToken);
}
