using Grievance.Workflow.Clocks;
using Grievance.Workflow.Routing;

namespace Grievance.Workflow.Demo.Simulation;

/// <summary>
/// The simulated UP CM Helpline 1076 desk: the channels complaints arrive through and their shares, the departments with the
/// category each handles, the districts, and an L1 and L2 officer per department and district.
/// </summary>
public static class HelplineDesk
{
    /// <summary>Monday 2 November 2026, 08:00 in Lucknow (02:30 UTC): the simulation starts here.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.FromHours(5.5));

    /// <summary>The channels and their shares of complaints.</summary>
    public static readonly (Channel Channel, double Share)[] Channels =
    [
        (Channel.Helpline1076, 0.50), (Channel.OnlinePgPortal, 0.14), (Channel.DmPortal, 0.10), (Channel.TehsilDiwas, 0.09),
        (Channel.CmOffice, 0.06), (Channel.MobileApp, 0.06), (Channel.Email, 0.03), (Channel.Post, 0.02),
    ];

    /// <summary>The departments, the category each handles and their shares; "general" has no department and lands in triage.</summary>
    public static readonly (string Department, string Category, double Share)[] Departments =
    [
        ("revenue", "land-records", 0.22), ("uppcl", "electricity", 0.20), ("police", "police", 0.15), ("urban", "water-sanitation", 0.12),
        ("rural", "rural-development", 0.09), ("welfare", "pension", 0.08), ("health", "health", 0.06), ("pwd", "roads", 0.07),
        ("", "general", 0.01),
    ];

    /// <summary>Working days an officer has, per category: 7 (IGRS) unless shorter here — power cuts and police matters are urgent.</summary>
    public static readonly IReadOnlyDictionary<string, int> SlaDays = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["electricity"] = 3, ["police"] = 3, ["water-sanitation"] = 5,
    };

    /// <summary>
    /// How each department performs: the share of its officers' first actions that miss the time limit, and a factor on how often
    /// complainants are dissatisfied. The differences are what the ranking shows.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (double Late, double Dissatisfaction)> Performance = new Dictionary<string, (double Late, double Dissatisfaction)>(StringComparer.Ordinal)
    {
        ["revenue"] = (0.18, 1.3), ["uppcl"] = (0.14, 1.1), ["police"] = (0.20, 1.2), ["urban"] = (0.10, 1.0),
        ["rural"] = (0.12, 0.9), ["welfare"] = (0.06, 0.8), ["health"] = (0.08, 0.9), ["pwd"] = (0.15, 1.0),
    };

    /// <summary>A factor per district on the share of late officers: some collectorates follow their defaulter lists more closely.</summary>
    public static readonly IReadOnlyDictionary<string, double> DistrictDiscipline = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["Lucknow"] = 0.7, ["Prayagraj"] = 1.0, ["Kanpur Nagar"] = 1.2, ["Varanasi"] = 0.9, ["Agra"] = 1.3, ["Gorakhpur"] = 0.8, ["Meerut"] = 1.1, ["Bareilly"] = 1.4,
    };

    /// <summary>The districts, with short codes for officer ids, and their shares.</summary>
    public static readonly (string District, string Code, double Share)[] Districts =
    [
        ("Lucknow", "lko", 0.18), ("Prayagraj", "pry", 0.14), ("Kanpur Nagar", "knp", 0.13), ("Varanasi", "vns", 0.12),
        ("Agra", "agr", 0.11), ("Gorakhpur", "gkp", 0.11), ("Meerut", "mrt", 0.11), ("Bareilly", "bly", 0.10),
    ];

    /// <summary>The departments that take complaints (all but triage's empty one).</summary>
    public static readonly string[] RealDepartments = Departments.Where(d => d.Department.Length > 0).Select(d => d.Department).ToArray();

    /// <summary>The desk's reference number prefix.</summary>
    public const string ReferenceNumberPrefix = "UP";

    /// <summary>Configures the workflow as the desk runs it: routing table, officers, Indian calendar, time limits per category.</summary>
    /// <param name="options">The options.</param>
    public static void Configure(GrievanceWorkflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ReferenceNumberPrefix = ReferenceNumberPrefix;
        options.Calendar.TimeZoneId = "Asia/Kolkata";
        foreach (var (category, days) in SlaDays)
        {
            options.Sla.Categories[category] = new CategorySlaOptions { Days = days };
        }

        foreach (var (department, category, _) in Departments.Where(d => d.Department.Length > 0))
        {
            options.Routing.CategoryDepartments[category] = department;
            foreach (var (district, code, _) in Districts)
            {
                options.Routing.Officers.Add(new OfficerAssignment { Department = department, District = district, Level = 1, Officer = Officer(department, code, 1) });
                options.Routing.Officers.Add(new OfficerAssignment { Department = department, District = district, Level = 2, Officer = Officer(department, code, 2) });
            }
        }
    }

    /// <summary>Names an officer: department, district code, level.</summary>
    /// <param name="department">The department.</param>
    /// <param name="districtCode">The district's code.</param>
    /// <param name="level">The level.</param>
    /// <returns>For example <c>uppcl-lko-l1</c>.</returns>
    public static string Officer(string department, string districtCode, int level) => $"{department}-{districtCode}-l{level}";

    /// <summary>Picks an item by its share.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="random">The random source.</param>
    /// <param name="items">The items with shares summing to about 1.</param>
    /// <param name="share">Reads an item's share.</param>
    /// <returns>The item.</returns>
    public static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, double> share)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(share);
        var roll = random.NextDouble() * items.Sum(share);
        foreach (var item in items)
        {
            roll -= share(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }
}
