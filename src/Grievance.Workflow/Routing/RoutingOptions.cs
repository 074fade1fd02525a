using System;
using System.Collections.Generic;

namespace Grievance.Workflow.Routing;

/// <summary>
/// Options of the default routing policy (<see cref="RuleTableRoutingPolicy"/>) and officer directory (<see cref="OptionsOfficerDirectory"/>):
/// the routing table, a default department per category and overall, and the officers of each department, level and area.
/// </summary>
/// <remarks>Left unsealed on purpose so a host can extend it. Keys compare ordinally.</remarks>
public class RoutingOptions
{
    /// <summary>Gets the routing table; the matching rule with the most parts set wins, the earlier one on a tie.</summary>
    /// <value>The default is empty.</value>
    public IList<RoutingRule> Rules { get; } = new List<RoutingRule>();

    /// <summary>Gets the default department code for each category code, used when no rule matches.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, string> CategoryDepartments { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the department when neither a rule nor a category default matches, or <see langword="null"/> to leave such grievances in triage.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? DefaultDepartment { get; set; }

    /// <summary>Gets the officer directory: the officer of each department and level, optionally per district, tehsil or ward.</summary>
    /// <value>The default is empty: grievances go to the department's desk with no named officer.</value>
    public IList<OfficerAssignment> Officers { get; } = new List<OfficerAssignment>();
}
