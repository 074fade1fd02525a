using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>Registers a new grievance, issues its reference number and routes it through the routing policy.</summary>
/// <remarks>Immutable and thread-safe. <see cref="ToString"/> never prints the description or the complainant's contact details.</remarks>
public sealed record RegisterGrievance
{
    private readonly GrievanceId? _grievanceId;
    private readonly CommandId? _commandId;

    /// <summary>Creates the command.</summary>
    /// <param name="actor">Who registers it: the complainant, a helpline agent, an administrator or the system.</param>
    /// <param name="channel">The channel it arrived through.</param>
    /// <param name="category">What it is about.</param>
    /// <param name="location">Where it arose.</param>
    /// <param name="complainant">Who filed it.</param>
    /// <param name="description">The complaint, not blank, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException">The channel is the default value, or the description is blank or too long.</exception>
    public RegisterGrievance(Actor actor, Channel channel, GrievanceCategory category, GrievanceLocation location, Complainant complainant, string description)
    {
        Actor = actor ?? throw new ArgumentNullException(nameof(actor));
        Channel = channel.Code is null ? throw new ArgumentException("The channel must be set (it is the default value).", nameof(channel)) : channel;
        Category = category ?? throw new ArgumentNullException(nameof(category));
        Location = location ?? throw new ArgumentNullException(nameof(location));
        Complainant = complainant ?? throw new ArgumentNullException(nameof(complainant));
        Description = Guard.Text(description, nameof(description));
    }

    /// <summary>Gets who registers it.</summary>
    public Actor Actor { get; }

    /// <summary>Gets the channel.</summary>
    public Channel Channel { get; }

    /// <summary>Gets the category.</summary>
    public GrievanceCategory Category { get; }

    /// <summary>Gets the location.</summary>
    public GrievanceLocation Location { get; }

    /// <summary>Gets the complainant.</summary>
    public Complainant Complainant { get; }

    /// <summary>Gets the complaint text.</summary>
    public string Description { get; }

    /// <summary>Gets or initializes the id to give the new grievance.</summary>
    /// <value>The default is <see langword="null"/>: the engine makes a new id.</value>
    public GrievanceId? GrievanceId
    {
        get => _grievanceId;
        init => _grievanceId = value is { } id && id.Value == Guid.Empty ? throw new ArgumentException("The grievance id must not be the default value.", nameof(value)) : value;
    }

    /// <summary>Gets or initializes the idempotency key: registering again with it returns the first registration.</summary>
    /// <value>The default is <see langword="null"/>: no idempotency check.</value>
    public CommandId? CommandId
    {
        get => _commandId;
        init => _commandId = value is { Value: null } ? throw new ArgumentException("The command id must be set (it is the default value).", nameof(value)) : value;
    }

    /// <summary>Returns the channel, category and actor only.</summary>
    /// <returns>For example <c>Register via helpline-1076 (electricity) by HelplineAgent a-7</c>.</returns>
    public override string ToString() => $"Register via {Channel} ({Category}) by {Actor}";
}
