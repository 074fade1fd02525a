namespace Grievance.Workflow.Routing;

/// <summary>
/// One line of the routing table: which department gets grievances of a category (and optionally a sub-category) from an area
/// (district, tehsil, ward) and a channel. Unset parts match anything; the rule with the most parts set wins.
/// </summary>
/// <remarks>Left unsealed on purpose so a host can extend it. Codes compare ordinally, case-insensitively.</remarks>
public class RoutingRule
{
    /// <summary>Gets or sets the category code the rule applies to; required.</summary>
    public string Category { get; set; } = string.Empty;

    /// <summary>Gets or sets the sub-category code, or <see langword="null"/> for any.</summary>
    public string? SubCategory { get; set; }

    /// <summary>Gets or sets the district, or <see langword="null"/> for any.</summary>
    public string? District { get; set; }

    /// <summary>Gets or sets the tehsil, or <see langword="null"/> for any.</summary>
    public string? Tehsil { get; set; }

    /// <summary>Gets or sets the ward or village, or <see langword="null"/> for any.</summary>
    public string? Ward { get; set; }

    /// <summary>Gets or sets the channel code, or <see langword="null"/> for any.</summary>
    public string? Channel { get; set; }

    /// <summary>Gets or sets the department code the rule routes to; required.</summary>
    public string Department { get; set; } = string.Empty;
}
