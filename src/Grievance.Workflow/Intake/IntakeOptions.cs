using System;

namespace Grievance.Workflow.Intake;

/// <summary>
/// Options of the shipped intake policy (<see cref="RuleBasedIntakePolicy"/>): limits on how many complaints one complainant files
/// in a day (MP CM Helpline 181 allows 5–10), what happens at a limit, and the search for likely duplicates at registration.
/// </summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class IntakeOptions
{
    /// <summary>Gets or sets whether the shipped intake policy applies its limits and looks for likely duplicates.</summary>
    /// <value>The default is <see langword="false"/>: every registration is taken as it comes, so the seed's flow is exact.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets how many complaints one complainant may file in a day (the desk's local day, <see cref="Clocks.CalendarOptions.TimeZoneId"/>).</summary>
    /// <value>The default is 10. From 1 to 1,000; <see langword="null"/> for no limit.</value>
    public int? MaxPerDay { get; set; } = 10;

    /// <summary>Gets or sets how many complaints of one category one complainant may file in a day.</summary>
    /// <value>The default is 5. From 1 to 1,000; <see langword="null"/> for no limit.</value>
    public int? MaxPerCategoryPerDay { get; set; } = 5;

    /// <summary>Gets or sets what a registration past a limit gets: refused with <see cref="IntakeLimitExceededException"/>, or taken and flagged.</summary>
    /// <value>The default is <see cref="IntakeLimitAction.Refuse"/>.</value>
    public IntakeLimitAction AtLimit { get; set; } = IntakeLimitAction.Refuse;

    /// <summary>
    /// Gets or sets how far back a new complaint is compared with the complainant's earlier ones (same category and location) to
    /// record its likely duplicates; <see cref="TimeSpan.Zero"/> turns the search off.
    /// </summary>
    /// <value>The default is 30 days. From zero to 365 days.</value>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromDays(30);
}
