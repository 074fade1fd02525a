namespace Grievance.Workflow;

/// <summary>A command id was used before for a different command (another grievance or another action): idempotency keys must not be reused.</summary>
public sealed class CommandIdConflictException : GrievanceWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="commandId">The reused key.</param>
    /// <param name="grievanceId">The grievance the new command named.</param>
    /// <param name="action">The action the new command asked for.</param>
    /// <param name="firstGrievanceId">The grievance the key was first applied to.</param>
    /// <param name="firstAction">The action it was first applied with.</param>
    public CommandIdConflictException(CommandId commandId, GrievanceId? grievanceId, GrievanceAction action, GrievanceId firstGrievanceId, GrievanceAction firstAction)
        : base($"Command id {commandId} was already used for {firstAction} on grievance {firstGrievanceId}; it cannot be reused for {action}{(grievanceId is { } id ? $" on grievance {id}" : string.Empty)}.", grievanceId)
    {
        CommandId = commandId;
        Action = action;
        FirstGrievanceId = firstGrievanceId;
        FirstAction = firstAction;
    }

    /// <summary>Gets the reused key.</summary>
    public CommandId CommandId { get; }

    /// <summary>Gets the action the new command asked for.</summary>
    public GrievanceAction Action { get; }

    /// <summary>Gets the grievance the key was first applied to.</summary>
    public GrievanceId FirstGrievanceId { get; }

    /// <summary>Gets the action the key was first applied with.</summary>
    public GrievanceAction FirstAction { get; }
}
