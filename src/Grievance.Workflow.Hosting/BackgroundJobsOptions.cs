using System;

namespace Grievance.Workflow.Hosting;

/// <summary>Which background jobs run in this host, how often, and how much each one handles per batch.</summary>
/// <remarks>
/// Each job runs once when the host starts, then once per interval. A run goes on batch after batch while the last batch was
/// full, up to <see cref="MaxBatchesPerRun"/>. A run that fails is logged and the job runs again at its next interval.
/// </remarks>
public sealed class BackgroundJobsOptions
{
    /// <summary>The configuration section these options are bound from by convention: <c>BackgroundJobs</c>.</summary>
    public const string SectionName = "BackgroundJobs";

    /// <summary>Gets or sets the jobs this host runs.</summary>
    /// <value>The default is <see cref="BackgroundJobs.All"/>.</value>
    public BackgroundJobs Jobs { get; set; } = BackgroundJobs.All;

    /// <summary>Gets or sets how often the sweeper looks for deadlines and feedback windows that have run out.</summary>
    /// <value>The default is 1 minute; 1 second to 7 days.</value>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many due items of each kind one sweep batch handles.</summary>
    /// <value>The default is 500; 1 to 100,000.</value>
    public int SweepBatchSize { get; set; } = 500;

    /// <summary>Gets or sets how often the dispatcher delivers new outbox events.</summary>
    /// <value>The default is 5 seconds; 1 second to 7 days.</value>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many events one dispatch batch delivers to each subscriber.</summary>
    /// <value>The default is 500; 1 to 100,000.</value>
    public int DispatchBatchSize { get; set; } = 500;

    /// <summary>Gets or sets how often the retention job runs (it batches by itself, see <c>GrievanceWorkflowOptions.Retention</c>).</summary>
    /// <value>The default is 1 hour; 1 second to 7 days.</value>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how many full batches one run of the sweeper or the dispatcher goes on to before it waits for the next interval.</summary>
    /// <value>The default is 100; 1 to 100,000.</value>
    public int MaxBatchesPerRun { get; set; } = 100;
}
