namespace Grievance.Workflow.Routing;

/// <summary>One line of the options-backed officer directory: the officer of a department at a level, optionally for an area only.</summary>
/// <remarks>Left unsealed on purpose so a host can extend it. The assignment with the most specific area wins.</remarks>
public class OfficerAssignment
{
    /// <summary>Gets or sets the department code; required.</summary>
    public string Department { get; set; } = string.Empty;

    /// <summary>Gets or sets the level, 1 for L1.</summary>
    /// <value>The default is 1.</value>
    public int Level { get; set; } = 1;

    /// <summary>Gets or sets the district, or <see langword="null"/> for every district.</summary>
    public string? District { get; set; }

    /// <summary>Gets or sets the tehsil, or <see langword="null"/> for every tehsil.</summary>
    public string? Tehsil { get; set; }

    /// <summary>Gets or sets the ward or village, or <see langword="null"/> for every ward.</summary>
    public string? Ward { get; set; }

    /// <summary>Gets or sets the officer's code; required.</summary>
    public string Officer { get; set; } = string.Empty;
}
