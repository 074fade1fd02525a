using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>
/// An officer at the configured higher level rejects a proposed special closure: the grievance goes back to the officer who
/// proposed it, at the same level and with the deadline it had, with the remarks in its history.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RejectSpecialClosure : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it: an officer of its department at the approving level or above (and above the level it is at), or an administrator.</param>
    /// <param name="remarks">What the proposer must do instead, at most <see cref="GrievanceLimits.MaxTextLength"/> characters; required.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public RejectSpecialClosure(GrievanceId grievanceId, Actor actor, string remarks)
        : base(grievanceId, actor)
    {
        Remarks = Guard.Text(remarks, nameof(remarks));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.RejectSpecialClosure;

    /// <summary>Gets what the proposer must do instead.</summary>
    public string Remarks { get; }
}
