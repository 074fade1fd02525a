namespace Grievance.Workflow;

/// <summary>A store refused to create a grievance because its id, reference number or command id is taken already.</summary>
/// <remarks>The engine reacts on its own: it issues another reference number, or replays the first registration.</remarks>
public sealed class DuplicateGrievanceException : GrievanceWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="grievanceId">The grievance that was to be created.</param>
    /// <param name="conflict">What is taken already.</param>
    /// <param name="value">The taken value (an id, reference number or command id; never personal data).</param>
    public DuplicateGrievanceException(GrievanceId grievanceId, DuplicateKind conflict, string value)
        : base($"Grievance {grievanceId} cannot be created: its {conflict} '{value}' is taken already.", grievanceId)
    {
        Conflict = conflict;
        Value = value;
    }

    /// <summary>Gets what is taken already.</summary>
    public DuplicateKind Conflict { get; }

    /// <summary>Gets the taken value.</summary>
    public string Value { get; }
}
