namespace Grievance.Workflow;

/// <summary>No grievance has the given id or reference number.</summary>
public sealed class GrievanceNotFoundException : GrievanceWorkflowException
{
    /// <summary>Creates the exception for an id.</summary>
    /// <param name="grievanceId">The id looked for.</param>
    public GrievanceNotFoundException(GrievanceId grievanceId)
        : base($"Grievance {grievanceId} was not found.", grievanceId)
    {
    }

    /// <summary>Creates the exception for a reference number.</summary>
    /// <param name="referenceNumber">The reference number looked for.</param>
    public GrievanceNotFoundException(ReferenceNumber referenceNumber)
        : base($"No grievance has the reference number {referenceNumber}.", null)
    {
        ReferenceNumber = referenceNumber;
    }

    /// <summary>Gets the reference number looked for, or <see langword="null"/> when an id was.</summary>
    public ReferenceNumber? ReferenceNumber { get; }
}
