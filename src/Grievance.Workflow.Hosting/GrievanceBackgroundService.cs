using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Sweeping;
using Grievance.Workflow.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Hosting;

/// <summary>
/// Runs the background jobs chosen in <see cref="BackgroundJobsOptions"/>, each on its own interval, until the host stops. The
/// services of the chosen jobs are resolved when the host starts, so a store that cannot serve a job fails the start; the jobs
/// themselves run on the thread pool, never inside the host's start.
/// </summary>
internal sealed class GrievanceBackgroundService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly BackgroundJobsOptions _options;
    private Started? _started;
    private OutboxDispatcher? _dispatcher;

    public GrievanceBackgroundService(IServiceProvider services, IOptions<BackgroundJobsOptions> options)
        => (_services, _options) = (services, options.Value);

    /// <summary>Resolves the chosen jobs' services, so that a missing one fails the host's start, then starts the jobs.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var time = _services.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = _services.GetService<ILoggerFactory>()?.CreateLogger(GrievanceTelemetry.Name) ?? NullLogger.Instance;
        _started = new Started(CreateJobs(time), time, logger, new JobInstruments(_services.GetService<IMeterFactory>()));
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (jobs, time, logger, instruments) = _started ?? throw new InvalidOperationException("The service runs only once started.");
        await Task.Yield(); // the host's start goes on; the jobs run on the thread pool
        var running = new List<Task>(jobs.Count);
        foreach (var job in jobs)
        {
            running.Add(job.RunAsync(time, logger, instruments, stoppingToken));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>Stops the jobs, then hands the dispatcher's subscriber leases over, so that another node's dispatcher takes over at once.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_dispatcher is { } dispatcher)
        {
            try
            {
                await dispatcher.ReleaseLeasesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The leases run out by themselves; a failed hand-over only delays the next holder.
                Log.LeaseReleaseFailed(_started!.Logger, ex);
            }
        }
    }

    private List<PeriodicJob> CreateJobs(TimeProvider time)
    {
        var o = _options;
        var jobs = new List<PeriodicJob>(3);
        if (o.Jobs.HasFlag(BackgroundJobs.Sweeper))
        {
            var sweeper = _services.GetRequiredService<IGrievanceSweeper>();
            jobs.Add(new PeriodicJob(BackgroundJobs.Sweeper, o.SweepInterval, o.MaxBatchesPerRun, async cancellationToken =>
            {
                var result = await sweeper.SweepAsync(time.GetUtcNow(), o.SweepBatchSize, cancellationToken).ConfigureAwait(false);
                return new BatchOutcome(result.Examined, result.HasMore);
            }));
        }

        if (o.Jobs.HasFlag(BackgroundJobs.OutboxDispatcher))
        {
            var dispatcher = _services.GetRequiredService<IOutboxDispatcher>();
            _dispatcher = dispatcher as OutboxDispatcher;
            jobs.Add(new PeriodicJob(BackgroundJobs.OutboxDispatcher, o.DispatchInterval, o.MaxBatchesPerRun, async cancellationToken =>
            {
                var result = await dispatcher.DispatchAsync(o.DispatchBatchSize, cancellationToken).ConfigureAwait(false);
                return new BatchOutcome(result.Delivered, result.HasMore);
            }));
        }

        if (o.Jobs.HasFlag(BackgroundJobs.Retention))
        {
            var retention = _services.GetRequiredService<IRetentionJob>();
            jobs.Add(new PeriodicJob(BackgroundJobs.Retention, o.RetentionInterval, maxBatches: 1, async cancellationToken =>
            {
                var result = await retention.RunAsync(cancellationToken).ConfigureAwait(false);
                return new BatchOutcome(result.Anonymized + result.EventsPruned, HasMore: false);
            }));
        }

        return jobs;
    }

    private sealed record Started(List<PeriodicJob> Jobs, TimeProvider Time, ILogger Logger, JobInstruments Instruments);
}
