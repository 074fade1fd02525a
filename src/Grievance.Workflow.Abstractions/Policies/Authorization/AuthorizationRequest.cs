using System;

namespace Grievance.Workflow.Authorization;

/// <summary>A question to the authorization policy.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly struct AuthorizationRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="action">The action.</param>
    /// <param name="grievance">The grievance, or <see langword="null"/> for a registration.</param>
    public AuthorizationRequest(Actor actor, GrievanceAction action, GrievanceSnapshot? grievance)
    {
        Actor = actor ?? throw new ArgumentNullException(nameof(actor));
        Action = action;
        Grievance = grievance;
    }

    /// <summary>Gets who asks.</summary>
    public Actor Actor { get; }

    /// <summary>Gets the action.</summary>
    public GrievanceAction Action { get; }

    /// <summary>Gets the grievance, or <see langword="null"/> for a registration.</summary>
    public GrievanceSnapshot? Grievance { get; }
}
