using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Privacy;

/// <summary>
/// Applies the retention rules: anonymizes the complainants of grievances closed longer ago than the retention period, then deletes
/// the outbox events every registered subscriber has been delivered, once older than the outbox retention.
/// </summary>
/// <remarks>Thread-safe; safe to run from several processes at once (each grievance is anonymized once). Schedule it daily, for example.</remarks>
public interface IRetentionJob
{
    /// <summary>Runs the job to the end, in batches.</summary>
    /// <param name="cancellationToken">Cancels the run between batches; finished batches stay done.</param>
    /// <returns>What was done.</returns>
    ValueTask<RetentionResult> RunAsync(CancellationToken cancellationToken);
}
