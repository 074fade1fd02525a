using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Intake;

/// <summary>
/// Decides at registration whether a complaint is taken (MP CM Helpline 181 limits how many one complainant may file a day): accept,
/// accept and flag it for triage, or refuse naming the limit; and which earlier grievances it likely duplicates. Asked before the
/// lifecycle fires; may be asynchronous (the shipped one counts in the store).
/// </summary>
/// <remarks>Implementations must be thread-safe: one instance serves all registrations at once.</remarks>
public interface IIntakePolicy
{
    /// <summary>Decides on a registration.</summary>
    /// <param name="request">The registration and the moment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision.</returns>
    ValueTask<IntakeDecision> DecideAsync(IntakeRequest request, CancellationToken cancellationToken);
}
