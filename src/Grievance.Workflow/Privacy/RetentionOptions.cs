using System;
using System.Collections.Generic;

namespace Grievance.Workflow.Privacy;

/// <summary>Options of the retention job (<see cref="IRetentionJob"/>).</summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class RetentionOptions
{
    /// <summary>Gets or sets how long after closure a complainant's contact details and id are kept before the job anonymizes them.</summary>
    /// <value>The default is 365 days. At least 1 day.</value>
    public TimeSpan ContactRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Gets or sets how long an event stays in the outbox once every subscriber (see <see cref="OutboxSubscribers"/>) has been
    /// delivered it; the job then deletes it with its delivery records. Events some subscriber has not been delivered yet are never
    /// deleted, and nothing is deleted when there is no subscriber to go by.
    /// </summary>
    /// <value>The default is 30 days. At least 1 hour.</value>
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Gets the names of the subscribers whose checkpoints bound outbox pruning, for deployments where they run in another process
    /// than the job. Empty: the subscribers registered in the job's container; with none registered either, nothing is pruned.
    /// </summary>
    /// <value>The default is empty.</value>
    public IList<string> OutboxSubscribers { get; } = new List<string>();

    /// <summary>Gets or sets how many grievances (or outbox events) one batch, one store transaction, handles.</summary>
    /// <value>The default is 500. From 1 to 10,000.</value>
    public int BatchSize { get; set; } = 500;
}
