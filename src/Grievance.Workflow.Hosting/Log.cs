using System;
using Microsoft.Extensions.Logging;

namespace Grievance.Workflow.Hosting;

/// <summary>The background jobs' log messages: source-generated, with stable event ids, never a complainant's data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Background job {Job} failed after {Batches} full batches; it runs again in {Interval}")]
    public static partial void JobFailed(ILogger logger, Exception exception, BackgroundJobs job, int batches, TimeSpan interval);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Background job {Job} ran {Batches} batches and handled {Items} items")]
    public static partial void JobRan(ILogger logger, BackgroundJobs job, int batches, int items);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Background job {Job} still had more to do after {Batches} full batches; it goes on in {Interval} (raise the batch size or MaxBatchesPerRun, or shorten the interval)")]
    public static partial void JobBehind(ILogger logger, BackgroundJobs job, int batches, TimeSpan interval);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "The outbox dispatcher could not hand its subscriber leases over on shutdown; another node takes over when they run out")]
    public static partial void LeaseReleaseFailed(ILogger logger, Exception exception);
}
