namespace Grievance.Workflow.Intake;

/// <summary>An intake limit a registration reached: which one, its value, and how many the complainant had filed under it.</summary>
/// <param name="Code">The limit's code (<see cref="PerDay"/>, <see cref="PerCategoryPerDay"/> or a host's own), also the flag's reason code.</param>
/// <param name="Limit">How many the limit allows.</param>
/// <param name="Filed">How many the complainant had filed under it before this one.</param>
/// <param name="Category">The category it counts, or <see langword="null"/> for a limit over every category.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record IntakeLimit(string Code, int Limit, int Filed, string? Category = null)
{
    /// <summary>The code of the limit on a complainant's registrations in one day (the desk's local day).</summary>
    public const string PerDay = "complainant-daily-limit";

    /// <summary>The code of the limit on a complainant's registrations of one category in one day.</summary>
    public const string PerCategoryPerDay = "complainant-category-daily-limit";
}
