using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>
/// The complainant reopens a resolved grievance because the problem came back (DIGIT PGR, FixMyStreet). Allowed only when the
/// workflow's options turn it on, within their window of the closure; the grievance goes back to the level that disposed of it
/// with a fresh clock, or further up when that level's reopens are used up — the escalation policy decides, as for dissatisfaction.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ReopenGrievance : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it: the complainant who filed it, the helpline on their behalf, or an administrator.</param>
    /// <param name="reason">What came back, at most <see cref="GrievanceLimits.MaxTextLength"/> characters; required.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public ReopenGrievance(GrievanceId grievanceId, Actor actor, string reason)
        : base(grievanceId, actor)
    {
        Reason = Guard.Text(reason, nameof(reason));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.ReopenByComplainant;

    /// <summary>Gets what came back.</summary>
    public string Reason { get; }
}
