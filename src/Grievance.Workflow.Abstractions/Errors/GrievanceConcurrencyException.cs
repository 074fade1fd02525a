namespace Grievance.Workflow;

/// <summary>
/// A write expected one version of the grievance and found another: someone else changed it first. For a command without an
/// expected version, the engine re-decides it on the latest version several times; this error then means the retry budget ran
/// out (<see cref="RetriesExhausted"/>).
/// </summary>
public sealed class GrievanceConcurrencyException : GrievanceWorkflowException
{
    /// <summary>Creates the exception for a write that named a version that is no longer current.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="expectedVersion">The version the writer expected.</param>
    /// <param name="actualVersion">The version stored.</param>
    public GrievanceConcurrencyException(GrievanceId grievanceId, long expectedVersion, long actualVersion)
        : base($"Grievance {grievanceId} was expected at version {expectedVersion} but is at version {actualVersion}: another command changed it first.", grievanceId)
    {
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    private GrievanceConcurrencyException(GrievanceId grievanceId, GrievanceAction action, int attempts, long lastReadVersion, long actualVersion)
        : base($"Grievance {grievanceId} kept changing under concurrent commands: {action} was decided {attempts} times and lost the write each time, so the retry budget ran out (last at version {actualVersion}). Try again later, or raise ConcurrencyRetryLimit.", grievanceId)
    {
        ExpectedVersion = lastReadVersion;
        ActualVersion = actualVersion;
        Attempts = attempts;
    }

    /// <summary>
    /// Creates the exception for a command without an expected version that lost every write its retry budget allowed.
    /// </summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="action">The command's action.</param>
    /// <param name="attempts">How often the command was decided and lost the write.</param>
    /// <param name="lastReadVersion">The version the last attempt read.</param>
    /// <param name="actualVersion">The version stored when the last attempt lost.</param>
    /// <returns>The exception, with <see cref="RetriesExhausted"/> set.</returns>
    public static GrievanceConcurrencyException RetryBudgetExhausted(GrievanceId grievanceId, GrievanceAction action, int attempts, long lastReadVersion, long actualVersion)
        => new(grievanceId, action, attempts, lastReadVersion, actualVersion);

    /// <summary>Gets the version the writer expected (for a spent retry budget: the version its last attempt read).</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the version stored.</summary>
    public long ActualVersion { get; }

    /// <summary>Gets how often the engine decided the command and lost the write; 0 when the caller named an expected version.</summary>
    public int Attempts { get; }

    /// <summary>Gets whether the engine's retry budget ran out for a command without an expected version (the caller named no version).</summary>
    public bool RetriesExhausted => Attempts > 0;
}
