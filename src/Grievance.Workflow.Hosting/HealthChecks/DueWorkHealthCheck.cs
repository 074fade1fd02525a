using System;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Sweeping;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grievance.Workflow.Hosting.HealthChecks;

/// <summary>
/// Reports how long the oldest officer deadline and the oldest feedback window that have run out have gone unswept: a sweeper that
/// stopped, or one that cannot keep up, shows here. The data holds each kind's lag in seconds.
/// </summary>
internal sealed class DueWorkHealthCheck : IHealthCheck
{
    private static readonly DueWorkKind[] Kinds = [DueWorkKind.OfficerDeadline, DueWorkKind.FeedbackWindow];

    private readonly IDueWorkQuery _due;
    private readonly LagLimits _limits;
    private readonly TimeProvider _time;

    public DueWorkHealthCheck(IDueWorkQuery due, LagLimits limits, TimeProvider time) => (_due, _limits, _time) = (due, limits, time);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var now = _time.GetUtcNow();
            var report = new LagReport(now);
            foreach (var kind in Kinds)
            {
                var oldest = await _due.FindDueAsync(kind, now, 1, null, cancellationToken).ConfigureAwait(false);
                report.Add(kind.ToString(), oldest.Count == 0 ? null : oldest[0].DueAt);
            }

            return report.ToResult(
                _limits,
                context.Registration.FailureStatus,
                "No deadline or feedback window that has run out is waiting for a sweep.",
                static (kind, lag) => $"The oldest {kind} that has run out has waited {lag:g} for a sweep.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The due work could not be read.", ex);
        }
    }
}
