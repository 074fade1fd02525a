namespace Grievance.Workflow;

/// <summary>A write expected one version of the grievance and found another: someone else changed it first.</summary>
public sealed class GrievanceConcurrencyException : GrievanceWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="expectedVersion">The version the writer expected.</param>
    /// <param name="actualVersion">The version stored.</param>
    public GrievanceConcurrencyException(GrievanceId grievanceId, long expectedVersion, long actualVersion)
        : base($"Grievance {grievanceId} was expected at version {expectedVersion} but is at version {actualVersion}: another command changed it first.", grievanceId)
    {
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the version the writer expected.</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the version stored.</summary>
    public long ActualVersion { get; }
}
