using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>An interim reply: the officer moves the deadline to a later date, with a reason.</summary>
/// <remarks>Immutable and thread-safe. The number of extensions per officer clock is limited by the options.</remarks>
public sealed record ExtendDeadline : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">The officer holding it.</param>
    /// <param name="newDueAt">
    /// The new deadline, kept in UTC; the engine checks it is later than the current one and the present, and within the
    /// extension horizon.
    /// </param>
    /// <param name="reason">Why more time is needed; not blank, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <exception cref="ArgumentException">The reason is blank or too long.</exception>
    public ExtendDeadline(GrievanceId grievanceId, Actor actor, DateTimeOffset newDueAt, string reason)
        : base(grievanceId, actor)
    {
        NewDueAt = newDueAt.ToUniversalTime();
        Reason = Guard.Text(reason, nameof(reason));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.ExtendDeadline;

    /// <summary>Gets the new deadline.</summary>
    public DateTimeOffset NewDueAt { get; }

    /// <summary>Gets the reason.</summary>
    public string Reason { get; }
}
