using System;

namespace Grievance.Workflow.Escalation;

/// <summary>
/// A question to the escalation policy: the complainant is dissatisfied with the disposal of this grievance
/// (<see cref="EscalationReason.Dissatisfaction"/>: answer reopen, escalate or close at the final level), or the officer's time limit
/// passed (<see cref="EscalationReason.SlaBreach"/>: answer escalate or flag overdue).
/// </summary>
/// <remarks>Immutable and thread-safe. The default value is not a valid request.</remarks>
public readonly struct EscalationRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="grievance">The grievance as it is now (awaiting feedback).</param>
    /// <param name="now">The engine's current time.</param>
    /// <param name="trigger">What happened: dissatisfaction or a breach.</param>
    public EscalationRequest(GrievanceSnapshot grievance, DateTimeOffset now, EscalationReason trigger = EscalationReason.Dissatisfaction)
    {
        Grievance = grievance ?? throw new ArgumentNullException(nameof(grievance));
        Now = now;
        Trigger = trigger;
    }

    /// <summary>Gets what happened: <see cref="EscalationReason.Dissatisfaction"/> or <see cref="EscalationReason.SlaBreach"/>.</summary>
    public EscalationReason Trigger { get; }

    /// <summary>Gets the grievance.</summary>
    public GrievanceSnapshot Grievance { get; }

    /// <summary>Gets the engine's current time.</summary>
    public DateTimeOffset Now { get; }
}
