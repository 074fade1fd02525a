using System.Collections.Generic;

namespace Grievance.Workflow.Clocks;

/// <summary>Officers' time limits, in working days of the business calendar, per level and per category.</summary>
/// <remarks>Left unsealed on purpose so a host can extend it. The most specific limit wins: category and level, category, level, default.</remarks>
public class SlaOptions
{
    /// <summary>Gets or sets the time limit at a level when nothing more specific is configured, in working days.</summary>
    /// <value>The default is 7 (IGRS). From 1 to 365.</value>
    public int DefaultDays { get; set; } = 7;

    /// <summary>Gets the time limit per level (1 for L1), in working days.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<int, int> DaysPerLevel { get; } = new Dictionary<int, int>();

    /// <summary>Gets the time limits per category code.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, CategorySlaOptions> Categories { get; } = new Dictionary<string, CategorySlaOptions>(System.StringComparer.Ordinal);

    /// <summary>Gets or sets how many interim extensions (<see cref="ExtendDeadline"/>) one officer clock may have.</summary>
    /// <value>The default is 2. From 0 to 20.</value>
    public int MaxExtensions { get; set; } = 2;

    /// <summary>
    /// Gets or sets how far ahead an extension may move a deadline, in working days from the moment it is granted: a new deadline
    /// beyond that is refused with <see cref="DeadlineExtensionOutOfRangeException"/>, so no grievance can be put out of reach of
    /// the defaulter lists.
    /// </summary>
    /// <value>The default is 30. From 1 to 365.</value>
    public int ExtensionHorizonWorkingDays { get; set; } = 30;

    /// <summary>Gets the time limit for a category at a level.</summary>
    /// <param name="category">The category code.</param>
    /// <param name="level">The level, 1 for L1.</param>
    /// <returns>The limit in working days.</returns>
    public int DaysFor(string category, int level)
    {
        if (Categories.TryGetValue(category, out var specific))
        {
            if (specific.DaysPerLevel.TryGetValue(level, out var days))
            {
                return days;
            }

            if (specific.Days is { } categoryDays)
            {
                return categoryDays;
            }
        }

        return DaysPerLevel.TryGetValue(level, out var levelDays) ? levelDays : DefaultDays;
    }
}
