using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.DependencyInjection;

/// <summary>Checks <see cref="GrievanceWorkflowOptions"/> on start; every message prints the bad value and the allowed range.</summary>
internal sealed class GrievanceWorkflowOptionsValidator : IValidateOptions<GrievanceWorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, GrievanceWorkflowOptions options)
    {
        var failures = new List<string>();
        var levelsValid = options.Levels is >= 1 and <= GrievanceLimits.MaxLevels;
        if (!levelsValid)
        {
            failures.Add($"Levels: {options.Levels}; it must be from 1 to {GrievanceLimits.MaxLevels}.");
        }

        if (options.MaxTransfers is < 0 or > 100)
        {
            failures.Add($"MaxTransfers: {options.MaxTransfers}; it must be from 0 to 100.");
        }

        if (options.TimeLimitPerLevel < System.TimeSpan.FromMinutes(1) || options.TimeLimitPerLevel > System.TimeSpan.FromDays(365))
        {
            failures.Add($"TimeLimitPerLevel: {options.TimeLimitPerLevel}; it must be from 00:01:00 to 365.00:00:00.");
        }

        if (options.ConcurrencyRetryLimit is < 0 or > 100)
        {
            failures.Add($"ConcurrencyRetryLimit: {options.ConcurrencyRetryLimit}; it must be from 0 to 100.");
        }

        if (string.IsNullOrEmpty(options.ReferenceNumberPrefix) || options.ReferenceNumberPrefix.Length > 16 || !options.ReferenceNumberPrefix.All(char.IsAsciiLetterOrDigit))
        {
            failures.Add($"ReferenceNumberPrefix: '{options.ReferenceNumberPrefix}'; it must be 1 to 16 ASCII letters or digits.");
        }

        foreach (var (level, reopens) in options.Escalation.ReopensPerLevel.OrderBy(p => p.Key))
        {
            if (levelsValid && (level < 1 || level > options.Levels))
            {
                failures.Add($"Escalation.ReopensPerLevel: level {level} is not a level of the ladder (1 to {options.Levels}).");
            }

            if (reopens is < 0 or > 100)
            {
                failures.Add($"Escalation.ReopensPerLevel[{level}]: {reopens}; it must be from 0 to 100.");
            }
        }

        if (options.Feedback.MaxUnreachableAttempts is < 1 or > 100)
        {
            failures.Add($"Feedback.MaxUnreachableAttempts: {options.Feedback.MaxUnreachableAttempts}; it must be from 1 to 100.");
        }

        foreach (var (department, levels) in options.Routing.Officers)
        {
            foreach (var level in levels.Keys.Where(l => levelsValid && (l < 1 || l > options.Levels)))
            {
                failures.Add($"Routing.Officers[{department}]: level {level} is not a level of the ladder (1 to {options.Levels}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
