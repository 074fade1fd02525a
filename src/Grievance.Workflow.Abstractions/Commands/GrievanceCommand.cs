using System;

namespace Grievance.Workflow;

/// <summary>A command on an existing grievance. The concrete commands are the actions of the lifecycle; the set is closed.</summary>
/// <remarks>Immutable and thread-safe. Arguments are checked when a command is made, so a bad one never reaches a store.</remarks>
public abstract record GrievanceCommand
{
    private readonly CommandId? _commandId;
    private readonly long? _expectedVersion;

    private protected GrievanceCommand(GrievanceId grievanceId, Actor actor)
    {
        if (grievanceId.Value == Guid.Empty)
        {
            throw new ArgumentException("The grievance id must be set (it is the default value).", nameof(grievanceId));
        }

        GrievanceId = grievanceId;
        Actor = actor ?? throw new ArgumentNullException(nameof(actor));
    }

    /// <summary>Gets the grievance the command applies to.</summary>
    public GrievanceId GrievanceId { get; }

    /// <summary>Gets who issues the command.</summary>
    public Actor Actor { get; }

    /// <summary>Gets the lifecycle action this command asks for.</summary>
    public abstract GrievanceAction Action { get; }

    /// <summary>Gets or initializes the idempotency key: the same key applied again returns the first result and changes nothing.</summary>
    /// <value>The default is <see langword="null"/>: no idempotency check.</value>
    public CommandId? CommandId
    {
        get => _commandId;
        init => _commandId = value is { Value: null } ? throw new ArgumentException("The command id must be set (it is the default value).", nameof(value)) : value;
    }

    /// <summary>
    /// Gets or initializes the version the caller saw. When set, the command fails with a concurrency conflict if the grievance has
    /// moved on; when not set, the engine re-decides the command on the latest version after a conflict.
    /// </summary>
    /// <value>The default is <see langword="null"/>: re-decide on conflict.</value>
    public long? ExpectedVersion
    {
        get => _expectedVersion;
        init => _expectedVersion = value is < 1 ? throw new ArgumentOutOfRangeException(nameof(value), value, "An expected version is 1 or more.") : value;
    }

    /// <summary>Returns the action, grievance and actor; never the command's text.</summary>
    /// <returns>For example <c>ReportAction on 5f… by Officer o-1 (revenue L1)</c>.</returns>
    public sealed override string ToString() => $"{Action} on {GrievanceId} by {Actor}";
}
