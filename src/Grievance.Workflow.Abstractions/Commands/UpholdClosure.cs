using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>The appellate authority upholds the closure under appeal, with reasons: closed again, finally, with the outcome it had.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record UpholdClosure : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it: an officer of its department at the appellate level or above, or an administrator.</param>
    /// <param name="reasons">Why the closure stands, at most <see cref="GrievanceLimits.MaxTextLength"/> characters; required.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public UpholdClosure(GrievanceId grievanceId, Actor actor, string reasons)
        : base(grievanceId, actor)
    {
        Reasons = Guard.Text(reasons, nameof(reasons));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.UpholdClosure;

    /// <summary>Gets why the closure stands.</summary>
    public string Reasons { get; }
}
