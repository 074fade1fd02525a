using System;
using System.Collections.Generic;
using System.Linq;
using Grievance.Workflow.Clocks;
using Grievance.Workflow.Statistics;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.DependencyInjection;

/// <summary>Checks <see cref="GrievanceWorkflowOptions"/> on start; every message names the option, prints the bad value and the allowed range.</summary>
internal sealed class GrievanceWorkflowOptionsValidator : IValidateOptions<GrievanceWorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, GrievanceWorkflowOptions options)
    {
        var failures = new List<string>();
        var levelsValid = options.Levels is >= 1 and <= GrievanceLimits.MaxLevels;
        Range(failures, "Levels", options.Levels, 1, GrievanceLimits.MaxLevels);
        Range(failures, "MaxTransfers", options.MaxTransfers, 0, 100);
        Range(failures, "ConcurrencyRetryLimit", options.ConcurrencyRetryLimit, 0, 100);
        if (options.ConcurrencyRetryBaseDelay < TimeSpan.Zero || options.ConcurrencyRetryBaseDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add($"ConcurrencyRetryBaseDelay: {options.ConcurrencyRetryBaseDelay}; it must be from 00:00:00 to 00:00:10.");
        }

        if (options.ConcurrencyRetryMaxDelay < options.ConcurrencyRetryBaseDelay || options.ConcurrencyRetryMaxDelay > TimeSpan.FromSeconds(30))
        {
            failures.Add($"ConcurrencyRetryMaxDelay: {options.ConcurrencyRetryMaxDelay}; it must be from ConcurrencyRetryBaseDelay ({options.ConcurrencyRetryBaseDelay}) to 00:00:30.");
        }

        if (!Registration.ReferenceNumberFormat.IsValidPrefix(options.ReferenceNumberPrefix))
        {
            failures.Add($"ReferenceNumberPrefix: '{options.ReferenceNumberPrefix}'; it must be 1 to 16 ASCII letters or digits.");
        }

        void Level(string option, int level)
        {
            if (levelsValid && (level < 1 || level > options.Levels))
            {
                failures.Add($"{option}: level {level} is not a level of the ladder (1 to {options.Levels}).");
            }
        }

        // Escalation
        foreach (var (level, reopens) in options.Escalation.ReopensPerLevel.OrderBy(p => p.Key))
        {
            Level("Escalation.ReopensPerLevel", level);
            Range(failures, $"Escalation.ReopensPerLevel[{level}]", reopens, 0, 100);
        }

        foreach (var (category, rules) in options.Escalation.Categories)
        {
            foreach (var (level, reopens) in rules.ReopensPerLevel.OrderBy(p => p.Key))
            {
                Level($"Escalation.Categories[{category}].ReopensPerLevel", level);
                Range(failures, $"Escalation.Categories[{category}].ReopensPerLevel[{level}]", reopens, 0, 100);
            }
        }

        if (options.Escalation.ReopenWindow is { } window && window <= TimeSpan.Zero)
        {
            failures.Add($"Escalation.ReopenWindow: {window}; it must be positive, or null for no window.");
        }

        if (!Enum.IsDefined(options.Escalation.OnBreach))
        {
            failures.Add($"Escalation.OnBreach: {options.Escalation.OnBreach}; it must be FlagDefaulter or EscalateToNextLevel.");
        }

        // Feedback
        Range(failures, "Feedback.MaxUnreachableAttempts", options.Feedback.MaxUnreachableAttempts, 1, 100);
        if (options.Feedback.Window is { } feedbackWindow && feedbackWindow < TimeSpan.FromMinutes(1))
        {
            failures.Add($"Feedback.Window: {feedbackWindow}; it must be at least 00:01:00, or null for no window.");
        }

        // Clocks
        Range(failures, "Sla.DefaultDays", options.Sla.DefaultDays, 1, 365);
        Range(failures, "Sla.MaxExtensions", options.Sla.MaxExtensions, 0, 20);
        Range(failures, "Sla.ExtensionHorizonWorkingDays", options.Sla.ExtensionHorizonWorkingDays, 1, 365);
        foreach (var (level, days) in options.Sla.DaysPerLevel.OrderBy(p => p.Key))
        {
            Level("Sla.DaysPerLevel", level);
            Range(failures, $"Sla.DaysPerLevel[{level}]", days, 1, 365);
        }

        foreach (var (category, sla) in options.Sla.Categories)
        {
            if (sla.Days is { } days)
            {
                Range(failures, $"Sla.Categories[{category}].Days", days, 1, 365);
            }

            foreach (var (level, levelDays) in sla.DaysPerLevel.OrderBy(p => p.Key))
            {
                Level($"Sla.Categories[{category}].DaysPerLevel", level);
                Range(failures, $"Sla.Categories[{category}].DaysPerLevel[{level}]", levelDays, 1, 365);
            }
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.Calendar.TimeZoneId ?? string.Empty, out _))
        {
            failures.Add($"Calendar.TimeZoneId: '{options.Calendar.TimeZoneId}' is not a time zone known to this machine.");
        }

        try
        {
            if (WorkingDayCalendar.ParseWeeklyOff(options.Calendar.WeeklyOff).Distinct().Count() == 7)
            {
                failures.Add($"Calendar.WeeklyOff: '{options.Calendar.WeeklyOff}' leaves no working day.");
            }
        }
        catch (ArgumentException ex)
        {
            failures.Add(ex.Message[..ex.Message.IndexOf(" (Parameter", StringComparison.Ordinal)]);
        }

        // Ranking and retention
        failures.AddRange(WeightedRanking.Validate(options.Ranking));
        if (options.Retention.ContactRetention < TimeSpan.FromDays(1))
        {
            failures.Add($"Retention.ContactRetention: {options.Retention.ContactRetention}; must be at least 1 day.");
        }

        if (options.Retention.OutboxRetention < TimeSpan.FromHours(1))
        {
            failures.Add($"Retention.OutboxRetention: {options.Retention.OutboxRetention}; must be at least 1 hour.");
        }

        if (options.Retention.OutboxSubscribers.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"Retention.OutboxSubscribers: [{string.Join(", ", options.Retention.OutboxSubscribers.Select(n => $"'{n}'"))}]; a subscriber name must not be blank.");
        }

        Range(failures, "Retention.BatchSize", options.Retention.BatchSize, 1, 10_000);

        // Outbox
        Range(failures, "Outbox.MaxAttempts", options.Outbox.MaxAttempts, 1, 100);
        if (options.Outbox.LeaseDuration < TimeSpan.FromSeconds(1) || options.Outbox.LeaseDuration > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Outbox.LeaseDuration: {options.Outbox.LeaseDuration}; it must be from 00:00:01 to 00:10:00.");
        }

        if (options.Sweep.ClaimDuration < TimeSpan.FromSeconds(5) || options.Sweep.ClaimDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"Sweep.ClaimDuration: {options.Sweep.ClaimDuration}; it must be from 00:00:05 to 01:00:00.");
        }

        Range(failures, "Sweep.PagesInFlight", options.Sweep.PagesInFlight, 1, 8);
        Range(failures, "Outbox.CheckpointEvery", options.Outbox.CheckpointEvery, 1, 10_000);
        if (options.Outbox.InitialBackoff < TimeSpan.Zero || options.Outbox.MaxBackoff < options.Outbox.InitialBackoff)
        {
            failures.Add($"Outbox.InitialBackoff: {options.Outbox.InitialBackoff}, Outbox.MaxBackoff: {options.Outbox.MaxBackoff}; the initial back-off must not be negative nor above the maximum.");
        }

        if (options.Outbox.MaxBackoff > TimeSpan.FromDays(1))
        {
            failures.Add($"Outbox.MaxBackoff: {options.Outbox.MaxBackoff}; it must be at most 1.00:00:00.");
        }

        if (options.Reopen.Window < TimeSpan.FromHours(1) || options.Reopen.Window > TimeSpan.FromDays(365))
        {
            failures.Add($"Reopen.Window: {options.Reopen.Window}; it must be from 01:00:00 to 365.00:00:00.");
        }

        foreach (var (option, value) in new[] { ("Intake.MaxPerDay", options.Intake.MaxPerDay), ("Intake.MaxPerCategoryPerDay", options.Intake.MaxPerCategoryPerDay) })
        {
            if (value is { } limit)
            {
                Range(failures, option, limit, 1, 1000);
            }
        }

        if (options.Intake.DuplicateWindow < TimeSpan.Zero || options.Intake.DuplicateWindow > TimeSpan.FromDays(365))
        {
            failures.Add($"Intake.DuplicateWindow: {options.Intake.DuplicateWindow}; it must be from 00:00:00 (off) to 365.00:00:00.");
        }

        if (!Enum.IsDefined(options.Intake.AtLimit))
        {
            failures.Add($"Intake.AtLimit: {options.Intake.AtLimit}; it must be Refuse or Flag.");
        }

        if (options.Appeals.Window < TimeSpan.FromHours(1) || options.Appeals.Window > TimeSpan.FromDays(365))
        {
            failures.Add($"Appeals.Window: {options.Appeals.Window}; it must be from 01:00:00 to 365.00:00:00.");
        }

        if (options.Appeals.Outcomes.Count == 0
            || options.Appeals.Outcomes.Any(o => o is not (GrievanceOutcome.Resolved or GrievanceOutcome.ClosedAtFinalLevel or GrievanceOutcome.ClosedNoFeedback or GrievanceOutcome.Rejected or GrievanceOutcome.SpecialClosed)))
        {
            failures.Add($"Appeals.Outcomes: [{string.Join(", ", options.Appeals.Outcomes)}]; list at least one of Resolved, ClosedAtFinalLevel, ClosedNoFeedback, Rejected and SpecialClosed, and no other.");
        }

        Range(failures, "Appeals.PoorRatingAtMost", options.Appeals.PoorRatingAtMost, 1, 4);
        Range(failures, "Appeals.MaxPerGrievance", options.Appeals.MaxPerGrievance, 1, 5);
        Range(failures, "Appeals.DecisionWorkingDays", options.Appeals.DecisionWorkingDays, 1, 365);
        if (options.Appeals.AppellateLevel is { } appellate)
        {
            Level("Appeals.AppellateLevel", appellate);
        }

        // The approving level may be one only a department's taller ladder has (its grievances' proposals are decided there).
        var tallest = options.Departments.Keys.Select(d => LadderOptionsValidation.HeightOf(options, d)).Append(options.Levels).Max();
        Range(failures, "SpecialClosure.ApproverLevel", options.SpecialClosure.ApproverLevel, 2, Math.Max(2, tallest));
        if (options.SpecialClosure.ReasonCodes.Count == 0)
        {
            failures.Add("SpecialClosure.ReasonCodes: empty; a proposal must be able to give at least one reason code.");
        }

        foreach (var code in options.SpecialClosure.ReasonCodes.Where(c => string.IsNullOrWhiteSpace(c) || !GrievanceText.IsValidIdentifier(c) || c.Length > GrievanceLimits.MaxIdentifierLength))
        {
            failures.Add($"SpecialClosure.ReasonCodes: '{code}' is not a valid reason code (not blank, at most {GrievanceLimits.MaxIdentifierLength} characters, no control characters).");
        }

        if (options.Outbox.AttemptTimeout < TimeSpan.FromMilliseconds(100) || options.Outbox.AttemptTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"Outbox.AttemptTimeout: {options.Outbox.AttemptTimeout}; it must be from 00:00:00.1 to 01:00:00.");
        }

        // Routing
        for (var i = 0; i < options.Routing.Rules.Count; i++)
        {
            var rule = options.Routing.Rules[i];
            if (string.IsNullOrWhiteSpace(rule.Category) || string.IsNullOrWhiteSpace(rule.Department))
            {
                failures.Add($"Routing.Rules[{i}]: category '{rule.Category}' and department '{rule.Department}' are both required.");
            }
        }

        for (var i = 0; i < options.Routing.Officers.Count; i++)
        {
            var assignment = options.Routing.Officers[i];
            if (string.IsNullOrWhiteSpace(assignment.Department) || string.IsNullOrWhiteSpace(assignment.Officer))
            {
                failures.Add($"Routing.Officers[{i}]: department '{assignment.Department}' and officer '{assignment.Officer}' are both required.");
            }

            // An officer may hold any level of their department's ladder, which may be taller than the global one.
            var height = string.IsNullOrWhiteSpace(assignment.Department) ? options.Levels : LadderOptionsValidation.HeightOf(options, assignment.Department);
            if (levelsValid && (assignment.Level < 1 || assignment.Level > height))
            {
                failures.Add($"Routing.Officers[{i}] ({assignment.Department}): level {assignment.Level} is not a level of the department's ladder (1 to {height}).");
            }
        }

        LadderOptionsValidation.Validate(options, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string option, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{option}: {value}; it must be from {min} to {max}.");
        }
    }
}
