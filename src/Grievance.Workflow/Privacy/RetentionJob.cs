using System;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Privacy;

/// <summary>The default retention job: batches of <see cref="IComplainantAnonymizer.AnonymizeClosedBeforeAsync"/> until none is left.</summary>
internal sealed class RetentionJob : IRetentionJob
{
    private readonly IComplainantAnonymizer _store;
    private readonly RetentionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;

    public RetentionJob(IComplainantAnonymizer store, IOptions<GrievanceWorkflowOptions> options, TimeProvider time, ILogger? logger)
        => (_store, _options, _time, _logger) = (store, options.Value.Retention, time, logger);

    public async ValueTask<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = _time.GetUtcNow() - _options.ContactRetention;
        var total = 0;
        int batch;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch = await _store.AnonymizeClosedBeforeAsync(cutoff, _options.BatchSize, cancellationToken).ConfigureAwait(false);
            total += batch;
        }
        while (batch == _options.BatchSize);

        if (_logger is not null)
        {
            Log.Anonymized(_logger, total, cutoff);
        }

        return new RetentionResult(cutoff, total);
    }
}
