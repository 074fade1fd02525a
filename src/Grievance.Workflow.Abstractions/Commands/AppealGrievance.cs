using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>
/// The complainant appeals against a closure (CPGRAMS): allowed only when the workflow's options turn appeals on, within their
/// window of the closure, for the outcomes they list (a resolved grievance only after a poor rating) and up to their number of
/// appeals per grievance. The appellate authority then decides (<see cref="UpholdClosure"/> or <see cref="AllowAppeal"/>).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record AppealGrievance : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it: the complainant who filed it, the helpline on their behalf, or an administrator.</param>
    /// <param name="reason">Why the disposal is wrong, at most <see cref="GrievanceLimits.MaxTextLength"/> characters; required.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public AppealGrievance(GrievanceId grievanceId, Actor actor, string reason)
        : base(grievanceId, actor)
    {
        Reason = Guard.Text(reason, nameof(reason));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.Appeal;

    /// <summary>Gets why the disposal is wrong.</summary>
    public string Reason { get; }
}
