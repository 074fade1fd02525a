using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>
/// The officer holding a grievance proposes closing it as one that cannot be redressed (MP CM Helpline 181's special closure):
/// sub judice, a policy matter, outside jurisdiction. Allowed only when the workflow's options turn special closures on, with one
/// of the reason codes they list; the grievance then waits for an officer at the configured higher level to accept
/// (<see cref="AcceptSpecialClosure"/>) or reject (<see cref="RejectSpecialClosure"/>) it.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ProposeSpecialClosure : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it: the officer it is pending with, an officer above them in its department, or an administrator.</param>
    /// <param name="reasonCode">Why it cannot be redressed; one of the options' reason codes, at most <see cref="GrievanceLimits.MaxIdentifierLength"/> characters.</param>
    /// <param name="remarks">The officer's account for the approver, at most <see cref="GrievanceLimits.MaxTextLength"/> characters; required.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public ProposeSpecialClosure(GrievanceId grievanceId, Actor actor, string reasonCode, string remarks)
        : base(grievanceId, actor)
    {
        ReasonCode = Guard.Identifier(reasonCode, nameof(reasonCode));
        Remarks = Guard.Text(remarks, nameof(remarks));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.ProposeSpecialClosure;

    /// <summary>Gets why it cannot be redressed.</summary>
    public string ReasonCode { get; }

    /// <summary>Gets the officer's account for the approver.</summary>
    public string Remarks { get; }
}
