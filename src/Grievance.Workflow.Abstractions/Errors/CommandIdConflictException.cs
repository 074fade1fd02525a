using System;
using System.Linq;

namespace Grievance.Workflow;

/// <summary>
/// A command id was used before for a different command: another action, grievance, actor or payload. Idempotency keys identify
/// one command and must not be reused; a retry of the very same command is a replay instead, and returns the first result.
/// </summary>
/// <remarks>The message and properties tell what differs, never anything of the other command (its grievance, actor or text).</remarks>
public sealed class CommandIdConflictException : GrievanceWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="commandId">The reused key.</param>
    /// <param name="grievanceId">The grievance the new command named, if any.</param>
    /// <param name="action">The action the new command asked for.</param>
    /// <param name="differences">What differs from the first command with that key; <see cref="CommandIdDifferences.Unknown"/> when not told.</param>
    public CommandIdConflictException(CommandId commandId, GrievanceId? grievanceId, GrievanceAction action, CommandIdDifferences differences)
        : base(Describe(commandId, grievanceId, action, differences), grievanceId)
    {
        CommandId = commandId;
        Action = action;
        Differences = differences;
    }

    /// <summary>Gets the reused key.</summary>
    public CommandId CommandId { get; }

    /// <summary>Gets the action the new command asked for.</summary>
    public GrievanceAction Action { get; }

    /// <summary>Gets what differs from the first command that used the key.</summary>
    public CommandIdDifferences Differences { get; }

    private static string Describe(CommandId commandId, GrievanceId? grievanceId, GrievanceAction action, CommandIdDifferences differences)
    {
        var target = grievanceId is { } id ? $"{action} on grievance {id}" : action.ToString();
        var what = differences == CommandIdDifferences.Unknown ? "another command" : $"a command with another {Names(differences)}";
        return $"Command id {commandId} was already used for {what}; it cannot be reused for {target}. A retry must repeat the same command; a new command needs a new id.";
    }

    private static string Names(CommandIdDifferences differences)
        => string.Join(", ", Enum.GetValues<CommandIdDifferences>().Where(d => d != CommandIdDifferences.Unknown && differences.HasFlag(d)).Select(d => d switch
        {
            CommandIdDifferences.Action => "action",
            CommandIdDifferences.Grievance => "grievance",
            CommandIdDifferences.Actor => "actor",
            _ => "payload",
        }));
}
