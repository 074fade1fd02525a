using System;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Registration;

/// <summary>Issues the human-facing reference number of a new grievance.</summary>
/// <remarks>
/// Numbers should be unique; the store enforces it, and the engine asks again (up to a few times) when a store reports a
/// collision. Implementations must be thread-safe.
/// </remarks>
public interface IReferenceNumberGenerator
{
    /// <summary>Issues a reference number.</summary>
    /// <param name="grievanceId">The new grievance's id.</param>
    /// <param name="command">The registration.</param>
    /// <param name="now">The engine's current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number.</returns>
    ValueTask<ReferenceNumber> NextAsync(GrievanceId grievanceId, RegisterGrievance command, DateTimeOffset now, CancellationToken cancellationToken);
}
