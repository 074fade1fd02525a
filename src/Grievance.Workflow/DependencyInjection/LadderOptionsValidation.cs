using System;
using System.Collections.Generic;
using System.Linq;
using Grievance.Workflow.Escalation;

namespace Grievance.Workflow.DependencyInjection;

/// <summary>Checks the departments' ladders (<see cref="GrievanceWorkflowOptions.Departments"/>); every message names the option and prints the value.</summary>
internal static class LadderOptionsValidation
{
    /// <summary>Adds a failure for every bad value of every department's ladder and of its categories'.</summary>
    public static void Validate(GrievanceWorkflowOptions options, List<string> failures)
    {
        foreach (var (department, ladder) in options.Departments.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var height = Check(failures, $"Departments[{department}]", ladder, ladder.Levels ?? options.Levels);
            foreach (var (category, rules) in ladder.Categories.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                Check(failures, $"Departments[{department}].Categories[{category}]", rules, rules.Levels ?? height);
            }
        }
    }

    /// <summary>The highest level an officer of a department may hold: its ladder's height, or a category's within it if higher.</summary>
    public static int HeightOf(GrievanceWorkflowOptions options, string department)
        => options.Departments.TryGetValue(department, out var ladder)
            ? ladder.Categories.Values.Select(c => c.Levels ?? 0).Append(ladder.Levels ?? options.Levels).Max()
            : options.Levels;

    private static int Check(List<string> failures, string option, LadderOptions ladder, int height)
    {
        if (ladder.Levels is { } levels && levels is < 1 or > GrievanceLimits.MaxLevels)
        {
            failures.Add($"{option}.Levels: {levels}; it must be from 1 to {GrievanceLimits.MaxLevels}.");
        }

        if (ladder.SlaDays is { } days && days is < 1 or > 365)
        {
            failures.Add($"{option}.SlaDays: {days}; it must be from 1 to 365.");
        }

        if (ladder.OnBreach is { } onBreach && !Enum.IsDefined(onBreach))
        {
            failures.Add($"{option}.OnBreach: {onBreach}; it must be FlagDefaulter or EscalateToNextLevel.");
        }

        PerLevel(failures, $"{option}.ReopensPerLevel", ladder.ReopensPerLevel, height, 0, 100);
        PerLevel(failures, $"{option}.SlaDaysPerLevel", ladder.SlaDaysPerLevel, height, 1, 365);
        return height;
    }

    private static void PerLevel(List<string> failures, string option, IDictionary<int, int> values, int height, int min, int max)
    {
        foreach (var (level, value) in values.OrderBy(p => p.Key))
        {
            if (level < 1 || level > height)
            {
                failures.Add($"{option}: level {level} is not a level of the ladder (1 to {height}).");
            }
            else if (value < min || value > max)
            {
                failures.Add($"{option}[{level}]: {value}; it must be from {min} to {max}.");
            }
        }
    }
}
