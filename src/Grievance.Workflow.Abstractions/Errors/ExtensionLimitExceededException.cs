namespace Grievance.Workflow;

/// <summary>The officer's deadline has been extended (interim replies) as often as the options allow for this officer clock.</summary>
public sealed class ExtensionLimitExceededException : GrievanceWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="extensionCount">How often the current officer clock was extended.</param>
    /// <param name="limit">The limit.</param>
    public ExtensionLimitExceededException(GrievanceId grievanceId, int extensionCount, int limit)
        : base($"The deadline of grievance {grievanceId} cannot be extended again: it was extended {extensionCount} times on this officer clock and the limit is {limit}.", grievanceId)
    {
        ExtensionCount = extensionCount;
        Limit = limit;
    }

    /// <summary>Gets how often the current officer clock was extended.</summary>
    public int ExtensionCount { get; }

    /// <summary>Gets the limit.</summary>
    public int Limit { get; }
}
