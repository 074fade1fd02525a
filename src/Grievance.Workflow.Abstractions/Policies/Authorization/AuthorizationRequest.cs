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
        ComplainantId = grievance?.ComplainantId;
        Channel = grievance?.Channel;
    }

    private AuthorizationRequest(Actor actor, string complainantId, Channel channel)
    {
        Actor = actor ?? throw new ArgumentNullException(nameof(actor));
        Action = GrievanceAction.Register;
        ComplainantId = complainantId ?? throw new ArgumentNullException(nameof(complainantId));
        Channel = channel;
    }

    /// <summary>Creates the request for a registration: who registers, for which complainant, through which channel.</summary>
    /// <param name="actor">Who registers it.</param>
    /// <param name="complainantId">The complainant it is registered for.</param>
    /// <param name="channel">The channel it arrives through.</param>
    /// <returns>The request, with <see cref="Action"/> <see cref="GrievanceAction.Register"/> and no <see cref="Grievance"/>.</returns>
    public static AuthorizationRequest ForRegistration(Actor actor, string complainantId, Channel channel) => new(actor, complainantId, channel);

    /// <summary>Gets who asks.</summary>
    public Actor Actor { get; }

    /// <summary>Gets the action.</summary>
    public GrievanceAction Action { get; }

    /// <summary>Gets the grievance, or <see langword="null"/> for a registration.</summary>
    public GrievanceSnapshot? Grievance { get; }

    /// <summary>Gets the complainant: the one a registration is for, or the grievance's.</summary>
    /// <value><see langword="null"/> only for a request made without a grievance through the constructor.</value>
    public string? ComplainantId { get; }

    /// <summary>Gets the channel: the one a registration arrives through, or the grievance's.</summary>
    /// <value><see langword="null"/> only for a request made without a grievance through the constructor.</value>
    public Channel? Channel { get; }
}
