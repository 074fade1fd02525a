using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>An administrator moves a pending grievance up one level by hand, with a reason.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record EscalateGrievance : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">The administrator.</param>
    /// <param name="reason">Why; not blank, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <exception cref="ArgumentException">The reason is blank or too long.</exception>
    public EscalateGrievance(GrievanceId grievanceId, Actor actor, string reason)
        : base(grievanceId, actor)
    {
        Reason = Guard.Text(reason, nameof(reason));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.Escalate;

    /// <summary>Gets the reason.</summary>
    public string Reason { get; }
}
