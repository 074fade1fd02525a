using System;

namespace Grievance.Workflow.Escalation;

/// <summary>
/// The ladder a grievance climbs, as the options resolve it for its department and category (most specific wins: department +
/// category, department, then the global options with their category rules): its height, the reopens and time limit at each level,
/// and what a passed time limit does. Made by <see cref="GrievanceWorkflowOptions.LadderFor"/>.
/// </summary>
/// <remarks>Thread-safe as long as the options it reads are not changed (options are fixed once the host starts).</remarks>
public sealed class Ladder
{
    private readonly GrievanceWorkflowOptions _global;
    private readonly LadderOptions? _department;
    private readonly LadderOptions? _category;

    internal Ladder(GrievanceWorkflowOptions global, string? department, string category, LadderOptions? departmentRules, LadderOptions? categoryRules)
    {
        (_global, Department, Category, _department, _category) = (global, department, category, departmentRules, categoryRules);
        Levels = _category?.Levels ?? _department?.Levels ?? global.Levels;
        OnBreach = _category?.OnBreach ?? _department?.OnBreach ?? global.Escalation.OnBreach;
    }

    /// <summary>Gets the department, or <see langword="null"/> for a grievance that has none (the global ladder).</summary>
    public string? Department { get; }

    /// <summary>Gets the category code.</summary>
    public string Category { get; }

    /// <summary>Gets the number of officer levels.</summary>
    public int Levels { get; }

    /// <summary>Gets what a passed time limit does.</summary>
    public BreachAction OnBreach { get; }

    /// <summary>The reopens allowed at a level before dissatisfaction moves a grievance up.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The count; 0 for a level the rules do not list.</returns>
    public int ReopensAt(int level)
        => _category?.ReopensPerLevel.TryGetValue(level, out var c) == true ? c
            : _department?.ReopensPerLevel.TryGetValue(level, out var d) == true ? d
            : _global.Escalation.ReopensAllowedAt(Category, level);

    /// <summary>The officers' time limit at a level, in working days.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The days.</returns>
    public int SlaDaysAt(int level)
        => _category?.SlaDaysPerLevel.TryGetValue(level, out var c) == true ? c
            : _category?.SlaDays ?? (_department?.SlaDaysPerLevel.TryGetValue(level, out var d) == true ? d
            : _department?.SlaDays ?? _global.Sla.DaysFor(Category, level));

    /// <inheritdoc />
    public override string ToString()
        => $"{Department ?? "(no department)"}/{Category}: {Levels} levels, time limits {string.Join(", ", Limits(this))} working days, "
            + $"reopens {string.Join(", ", Reopens(this))}, on breach {OnBreach}";

    private static string[] Limits(Ladder ladder) => Array.ConvertAll(Range(ladder.Levels), l => $"L{l} {ladder.SlaDaysAt(l)}");

    private static string[] Reopens(Ladder ladder) => Array.ConvertAll(Range(ladder.Levels), l => $"L{l} {ladder.ReopensAt(l)}");

    private static int[] Range(int count)
    {
        var levels = new int[count];
        for (var i = 0; i < count; i++)
        {
            levels[i] = i + 1;
        }

        return levels;
    }
}
