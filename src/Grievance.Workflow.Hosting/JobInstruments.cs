using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Grievance.Workflow.Telemetry;

namespace Grievance.Workflow.Hosting;

/// <summary>The background jobs' instrument, on the workflow's meter (<see cref="GrievanceTelemetry.Name"/>). Thread-safe.</summary>
internal sealed class JobInstruments
{
    private readonly Histogram<double> _runs;

    public JobInstruments(IMeterFactory? meterFactory)
    {
        var version = typeof(JobInstruments).Assembly.GetName().Version?.ToString();
        var meter = meterFactory?.Create(new MeterOptions(GrievanceTelemetry.Name) { Version = version }) ?? new Meter(GrievanceTelemetry.Name, version);
        _runs = meter.CreateHistogram<double>(GrievanceTelemetry.JobRunDuration, "s", "How long a background job's run took, by job and result.");
    }

    public void Ran(BackgroundJobs job, bool completed, double seconds)
    {
        if (_runs.Enabled)
        {
            _runs.Record(seconds, new KeyValuePair<string, object?>(GrievanceTelemetry.JobTag, job.ToString()), new KeyValuePair<string, object?>(GrievanceTelemetry.ResultTag, completed ? "completed" : "failed"));
        }
    }
}
