using System;

namespace Grievance.Workflow;

/// <summary>
/// The base of every error the workflow raises on purpose. Messages name the grievance, its state, the action and the values
/// involved, and never a complainant's personal data.
/// </summary>
public abstract class GrievanceWorkflowException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="grievanceId">The grievance involved, when there is one.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    protected GrievanceWorkflowException(string message, GrievanceId? grievanceId, Exception? innerException = null)
        : base(message, innerException)
    {
        GrievanceId = grievanceId;
    }

    /// <summary>Gets the grievance involved, or <see langword="null"/>.</summary>
    public GrievanceId? GrievanceId { get; }
}
