using System;
using System.Collections.Generic;

namespace Grievance.Workflow.Routing;

/// <summary>Options of the default routing policy (<see cref="OptionsRoutingPolicy"/>): a department per category and an officer per department and level.</summary>
/// <remarks>Left unsealed on purpose so a host can extend it. Keys compare ordinally.</remarks>
public class RoutingOptions
{
    /// <summary>Gets the department code for each category code.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, string> CategoryDepartments { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the department for a category that is not listed, or <see langword="null"/> to leave such grievances in triage.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? DefaultDepartment { get; set; }

    /// <summary>Gets the officer code of each level of each department: <c>Officers["revenue"][1]</c> is revenue's L1 officer.</summary>
    /// <value>The default is empty: grievances go to the department's desk with no named officer.</value>
    public IDictionary<string, IDictionary<int, string>> Officers { get; } = new Dictionary<string, IDictionary<int, string>>(StringComparer.Ordinal);
}
