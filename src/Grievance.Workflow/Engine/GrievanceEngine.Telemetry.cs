using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Telemetry;

namespace Grievance.Workflow.Engine;

// Telemetry of every command: a span when someone traces, counters, durations and log lines.
internal sealed partial class GrievanceEngine
{
    /// <summary>Runs a command with its telemetry: a span when someone traces, counters, the duration and the log line.</summary>
    /// <remarks>
    /// With nobody tracing, a command that completes synchronously (the in-memory store, no asynchronous policy) is reported
    /// without an async state machine of its own. A span is started inside an async method, so that it is the current activity
    /// only for the command's own flow, never for the caller's.
    /// </remarks>
    private ValueTask<WorkflowResult> Observe<TCommand>(
        TCommand command, GrievanceAction action, GrievanceId? grievanceId, Func<TCommand, CancellationToken, ValueTask<WorkflowResult>> core, CancellationToken cancellationToken)
    {
        if (WorkflowInstruments.IsTracing)
        {
            return TracedAsync(command, action, grievanceId, core, cancellationToken);
        }

        var start = _instruments.StartTiming();
        var pending = core(command, cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            return ReportWhenDoneAsync(pending, action, grievanceId, start);
        }

        var result = pending.Result;
        Report(action, grievanceId, result, start, activity: null);
        return new(result);
    }

    private async ValueTask<WorkflowResult> TracedAsync<TCommand>(
        TCommand command, GrievanceAction action, GrievanceId? grievanceId, Func<TCommand, CancellationToken, ValueTask<WorkflowResult>> core, CancellationToken cancellationToken)
    {
        using var activity = WorkflowInstruments.StartCommand(action, grievanceId);
        var start = _instruments.StartTiming();
        var result = await core(command, cancellationToken).ConfigureAwait(false);
        Report(action, grievanceId, result, start, activity);
        return result;
    }

    private async ValueTask<WorkflowResult> ReportWhenDoneAsync(ValueTask<WorkflowResult> pending, GrievanceAction action, GrievanceId? grievanceId, long start)
    {
        var result = await pending.ConfigureAwait(false);
        Report(action, grievanceId, result, start, activity: null);
        return result;
    }

    private void Report(GrievanceAction action, GrievanceId? grievanceId, WorkflowResult result, long start, Activity? activity)
    {
        if (!result.Succeeded)
        {
            var refusal = WorkflowInstruments.ResultOf(result.Error);
            _instruments.Completed(action, refusal, start, activity, null);
            Log.CommandRefused(_logger, grievanceId ?? result.Error.GrievanceId, action, refusal);
            return;
        }

        var done = result.Value;
        var entry = done.Entry;
        _instruments.Completed(action, done.IsReplay ? "replayed" : "accepted", start, activity, done);
        if (done.IsReplay)
        {
            Log.CommandReplayed(_logger, entry.GrievanceId, action, entry.CommandId?.Value);
        }
        else if (action == GrievanceAction.Register)
        {
            Log.Registered(_logger, entry.GrievanceId, done.Grievance.ReferenceNumber, done.Grievance.Channel, entry.ToStatus);
        }
        else
        {
            Log.CommandAccepted(_logger, entry.GrievanceId, action, entry.ToStatus, entry.ToLevel, entry.Sequence);
            if (entry.ToLevel > entry.FromLevel && action != GrievanceAction.Transfer)
            {
                var reason = WorkflowInstruments.EscalationReasonOf(action);
                Log.Escalated(_logger, entry.GrievanceId, entry.FromLevel, entry.ToLevel, reason);
            }
        }
    }
}
