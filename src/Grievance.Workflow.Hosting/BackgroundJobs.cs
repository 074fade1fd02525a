using System;
using System.Text.Json.Serialization;

namespace Grievance.Workflow.Hosting;

/// <summary>The workflow's background jobs, as flags: which ones a host runs.</summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<BackgroundJobs>))]
public enum BackgroundJobs
{
    /// <summary>None: the host runs no job (another process does).</summary>
    None = 0,

    /// <summary>The due-work sweeper: officers' deadlines and feedback windows that have run out (<c>IGrievanceSweeper</c>).</summary>
    Sweeper = 1,

    /// <summary>The outbox dispatcher: domain events to the registered subscribers (<c>IOutboxDispatcher</c>).</summary>
    OutboxDispatcher = 2,

    /// <summary>The retention job: complainants' contact details and old outbox events (<c>IRetentionJob</c>).</summary>
    Retention = 4,

    /// <summary>All three.</summary>
    All = Sweeper | OutboxDispatcher | Retention,
}
