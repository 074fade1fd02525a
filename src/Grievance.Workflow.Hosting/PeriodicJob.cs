using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Grievance.Workflow.Hosting;

/// <summary>
/// One background job: it runs at once, then every interval; a run goes on batch after batch while the last batch was full, up to
/// a limit; a failed run is logged and the job waits for its next interval.
/// </summary>
/// <remarks>Not thread-safe: one <see cref="RunAsync"/> at a time.</remarks>
internal sealed class PeriodicJob
{
    private readonly BackgroundJobs _job;
    private readonly TimeSpan _interval;
    private readonly int _maxBatches;
    private readonly Func<CancellationToken, ValueTask<BatchOutcome>> _runBatch;

    public PeriodicJob(BackgroundJobs job, TimeSpan interval, int maxBatches, Func<CancellationToken, ValueTask<BatchOutcome>> runBatch)
        => (_job, _interval, _maxBatches, _runBatch) = (job, interval, maxBatches, runBatch);

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled; returns then, without throwing.</summary>
    public async Task RunAsync(TimeProvider time, ILogger logger, JobInstruments instruments, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, time);
        try
        {
            do
            {
                var started = time.GetTimestamp();
                var completed = await RunOnceAsync(logger, stoppingToken).ConfigureAwait(false);
                instruments.Ran(_job, completed, time.GetElapsedTime(started).TotalSeconds);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    /// <summary>Runs once; tells whether the run completed (a failure is logged, never thrown).</summary>
    private async Task<bool> RunOnceAsync(ILogger logger, CancellationToken stoppingToken)
    {
        var batches = 0;
        var items = 0;
        try
        {
            BatchOutcome outcome;
            do
            {
                outcome = await _runBatch(stoppingToken).ConfigureAwait(false);
                batches++;
                items += outcome.Items;
            }
            while (outcome.HasMore && batches < _maxBatches);

            if (outcome.HasMore)
            {
                Log.JobBehind(logger, _job, batches, _interval);
            }

            Log.JobRan(logger, _job, batches, items);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.JobFailed(logger, ex, _job, batches, _interval);
            return false;
        }
    }
}
