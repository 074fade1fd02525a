using System;

namespace Grievance.Workflow.Escalation;

/// <summary>A question to the escalation policy: the complainant is dissatisfied with the disposal of this grievance.</summary>
/// <remarks>Immutable and thread-safe. The default value is not a valid request.</remarks>
public readonly struct EscalationRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="grievance">The grievance as it is now (awaiting feedback).</param>
    /// <param name="now">The engine's current time.</param>
    public EscalationRequest(GrievanceSnapshot grievance, DateTimeOffset now)
    {
        Grievance = grievance ?? throw new ArgumentNullException(nameof(grievance));
        Now = now;
    }

    /// <summary>Gets the grievance.</summary>
    public GrievanceSnapshot Grievance { get; }

    /// <summary>Gets the engine's current time.</summary>
    public DateTimeOffset Now { get; }
}
