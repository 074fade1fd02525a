namespace Grievance.Workflow;

/// <summary>The grievance has been transferred as often as the options allow.</summary>
public sealed class TransferLimitExceededException : GrievanceWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="transferCount">How often it was transferred.</param>
    /// <param name="limit">The limit.</param>
    public TransferLimitExceededException(GrievanceId grievanceId, int transferCount, int limit)
        : base($"Grievance {grievanceId} cannot be transferred again: it was transferred {transferCount} times and the limit is {limit}.", grievanceId)
    {
        TransferCount = transferCount;
        Limit = limit;
    }

    /// <summary>Gets how often it was transferred.</summary>
    public int TransferCount { get; }

    /// <summary>Gets the limit.</summary>
    public int Limit { get; }
}
