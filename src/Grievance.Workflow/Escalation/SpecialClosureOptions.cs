using System.Collections.Generic;

namespace Grievance.Workflow.Escalation;

/// <summary>
/// Options of special closures (<see cref="ProposeSpecialClosure"/>, MP CM Helpline 181): whether an officer may propose closing a
/// grievance that cannot be redressed, with which reason codes, and from which level an officer decides on the proposal.
/// </summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class SpecialClosureOptions
{
    /// <summary>Gets or sets whether officers may propose special closures.</summary>
    /// <value>The default is <see langword="false"/>: off, so that the seed's flow is exact unless a desk opts in.</value>
    public bool Enabled { get; set; }

    /// <summary>
    /// Gets or sets the lowest level of an officer who accepts or rejects a proposal; the decider must also be above the level the
    /// grievance is at (an administrator may always decide).
    /// </summary>
    /// <value>The default is 2 (L-2). From 2 to the tallest ladder's height (<see cref="GrievanceWorkflowOptions.Levels"/> or a department's).</value>
    public int ApproverLevel { get; set; } = 2;

    /// <summary>Gets the reason codes a proposal may give; a proposal with any other is refused, naming these.</summary>
    /// <value>
    /// The default is <c>sub-judice</c>, <c>policy-matter</c> and <c>outside-jurisdiction</c>. Not empty; each a valid identifier.
    /// Binding from configuration adds to the defaults; call <see cref="ICollection{T}.Clear"/> first to replace them.
    /// </value>
    public ISet<string> ReasonCodes { get; } = new SortedSet<string>(System.StringComparer.Ordinal) { "sub-judice", "policy-matter", "outside-jurisdiction" };
}
