using System.Collections.Generic;
using System.Linq;

namespace Grievance.Workflow;

/// <summary>The action cannot be taken in the grievance's current state (or a rule of the lifecycle forbids it now).</summary>
public sealed class GrievanceActionNotAllowedException : GrievanceWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="status">Its status.</param>
    /// <param name="outcome">Its outcome (<see cref="GrievanceOutcome.None"/> while open).</param>
    /// <param name="action">The refused action.</param>
    /// <param name="allowedActions">The actions its state allows now.</param>
    /// <param name="reason">Why, when it is a rule rather than the state, or <see langword="null"/>.</param>
    public GrievanceActionNotAllowedException(GrievanceId grievanceId, GrievanceStatus status, GrievanceOutcome outcome, GrievanceAction action, IReadOnlyList<GrievanceAction> allowedActions, string? reason = null)
        : base(Format(grievanceId, status, outcome, action, allowedActions, reason), grievanceId)
    {
        Status = status;
        Outcome = outcome;
        Action = action;
        AllowedActions = allowedActions;
        Reason = reason;
    }

    /// <summary>Gets the grievance's status.</summary>
    public GrievanceStatus Status { get; }

    /// <summary>Gets the grievance's outcome.</summary>
    public GrievanceOutcome Outcome { get; }

    /// <summary>Gets the refused action.</summary>
    public GrievanceAction Action { get; }

    /// <summary>Gets the actions the state allows now.</summary>
    public IReadOnlyList<GrievanceAction> AllowedActions { get; }

    /// <summary>Gets the rule that refused it, or <see langword="null"/> when the state alone does.</summary>
    public string? Reason { get; }

    private static string Format(GrievanceId id, GrievanceStatus status, GrievanceOutcome outcome, GrievanceAction action, IReadOnlyList<GrievanceAction> allowed, string? reason)
    {
        var state = outcome == GrievanceOutcome.None ? status.ToString() : $"{status} ({outcome})";
        var allowedText = allowed.Count == 0 ? "none" : string.Join(", ", allowed.Select(a => a.ToString()));
        return reason is null
            ? $"Grievance {id} is {state}: {action} is not allowed. Allowed now: {allowedText}."
            : $"Grievance {id} is {state}: {action} is not allowed because {reason}. Allowed now: {allowedText}.";
    }
}
