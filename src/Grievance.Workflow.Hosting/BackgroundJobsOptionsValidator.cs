using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Hosting;

/// <summary>Checks <see cref="BackgroundJobsOptions"/> on start; every message names the option and prints the bad value and the allowed range.</summary>
internal sealed class BackgroundJobsOptionsValidator : IValidateOptions<BackgroundJobsOptions>
{
    private const int MaxBatch = 100_000;

    public ValidateOptionsResult Validate(string? name, BackgroundJobsOptions options)
    {
        var failures = new List<string>();
        if ((options.Jobs & ~BackgroundJobs.All) != 0)
        {
            failures.Add($"Jobs: {(int)options.Jobs} names no known job; use a combination of {BackgroundJobs.Sweeper}, {BackgroundJobs.OutboxDispatcher} and {BackgroundJobs.Retention}.");
        }

        Interval(failures, nameof(options.SweepInterval), options.SweepInterval);
        Interval(failures, nameof(options.DispatchInterval), options.DispatchInterval);
        Interval(failures, nameof(options.RetentionInterval), options.RetentionInterval);
        Count(failures, nameof(options.SweepBatchSize), options.SweepBatchSize);
        Count(failures, nameof(options.DispatchBatchSize), options.DispatchBatchSize);
        Count(failures, nameof(options.MaxBatchesPerRun), options.MaxBatchesPerRun);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Interval(List<string> failures, string option, TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromDays(7))
        {
            failures.Add($"{option}: {value}; it must be from 1 second to 7 days.");
        }
    }

    private static void Count(List<string> failures, string option, int value)
    {
        if (value is < 1 or > MaxBatch)
        {
            failures.Add($"{option}: {value}; it must be from 1 to {MaxBatch:N0}.");
        }
    }
}
