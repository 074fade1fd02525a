namespace Grievance.Workflow;

/// <summary>The authorization policy refused the actor the action. Nothing was stored.</summary>
public sealed class GrievanceAuthorizationException : GrievanceWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="grievanceId">The grievance, or <see langword="null"/> for a registration.</param>
    /// <param name="actor">The actor refused.</param>
    /// <param name="action">The action refused.</param>
    /// <param name="reason">The policy's reason.</param>
    public GrievanceAuthorizationException(GrievanceId? grievanceId, Actor actor, GrievanceAction action, string reason)
        : base($"{actor.Role} {actor.Id} may not take the action {action}{(grievanceId is { } id ? $" on grievance {id}" : string.Empty)}: {reason}", grievanceId)
    {
        Role = actor.Role;
        ActorId = actor.Id;
        Action = action;
        Reason = reason;
    }

    /// <summary>Gets the refused actor's role.</summary>
    public ActorRole Role { get; }

    /// <summary>Gets the refused actor's id.</summary>
    public string ActorId { get; }

    /// <summary>Gets the refused action.</summary>
    public GrievanceAction Action { get; }

    /// <summary>Gets the policy's reason.</summary>
    public string Reason { get; }
}
