using System;
using System.Collections.Generic;

namespace Grievance.Workflow.Bulk;

/// <summary>
/// One administrator's action on many grievances (CPGRAMS' "bulk closer"): close a set as not maintainable with one reason code,
/// transfer a set after an office reorganisation, and the like. Each grievance gets its own command from <see cref="Command"/>,
/// applied atomically on its own with its own history entry; its command id is derived from <see cref="BatchId"/> and the
/// grievance, so running the same request again — after a crash, say — applies only what was not applied yet.
/// </summary>
/// <param name="BatchId">
/// The batch's id, 1 to 64 characters with no control character: the same id with the same commands resumes the batch; with
/// different commands it is refused item by item (the library's command-id fingerprints).
/// </param>
/// <param name="Grievances">The grievances, each once; at most <see cref="MaxGrievances"/>.</param>
/// <param name="Command">Makes each grievance's command: for that grievance, without a command id of its own (the batch gives it one).</param>
public sealed record BulkRequest(string BatchId, IReadOnlyList<GrievanceId> Grievances, Func<GrievanceId, GrievanceCommand> Command)
{
    /// <summary>The most grievances one request may name.</summary>
    public const int MaxGrievances = 100_000;

    /// <summary>The longest batch id.</summary>
    public const int MaxBatchIdLength = 64;

    /// <summary>Gets how many commands go to the store in one write.</summary>
    /// <value>The default is 500. From 1 to <see cref="GrievanceLimits.MaxBatchSize"/>.</value>
    public int ChunkSize { get; init; } = 500;

    /// <summary>The command id of a grievance's command in a batch: <c>bulk:</c>, the batch id, <c>:</c> and the grievance id.</summary>
    /// <param name="batchId">The batch id.</param>
    /// <param name="grievance">The grievance.</param>
    /// <returns>The command id.</returns>
    public static CommandId CommandIdOf(string batchId, GrievanceId grievance) => new($"bulk:{batchId}:{grievance}");
}
