using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>
/// An officer at the configured higher level accepts a proposed special closure: the grievance is closed with outcome
/// <see cref="GrievanceOutcome.SpecialClosed"/> (disposed, never resolved) and the proposal's reason code. The complainant's notice
/// (<see cref="Events.GrievanceEventType.SpecialClosureAccepted"/>) is recorded before the closure's event.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record AcceptSpecialClosure : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it: an officer of its department at the approving level or above (and above the level it is at), or an administrator.</param>
    /// <param name="remarks">Optional remarks, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public AcceptSpecialClosure(GrievanceId grievanceId, Actor actor, string? remarks = null)
        : base(grievanceId, actor)
    {
        Remarks = Guard.OptionalText(remarks, nameof(remarks));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.AcceptSpecialClosure;

    /// <summary>Gets the remarks, or <see langword="null"/>.</summary>
    public string? Remarks { get; }
}
