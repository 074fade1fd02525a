using System;

namespace Grievance.Workflow;

/// <summary>
/// What the due-work sweeper issues when a timer of a grievance has run out: <see cref="GrievanceAction.SlaBreach"/> for the
/// officer's time limit, <see cref="GrievanceAction.FeedbackWindowExpired"/> for the feedback window. It names the
/// <see cref="GrievanceSnapshot.TimerToken"/> it saw, so a timer that was re-armed meanwhile is never acted on.
/// </summary>
/// <remarks>Immutable and thread-safe. Normally issued by the system actor through <c>IGrievanceSweeper</c>.</remarks>
public sealed record HandleDueWork : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">The system actor: the default authorization policy lets only the system act on timers (an administrator who wants a sweep now runs the sweeper, which acts as the system).</param>
    /// <param name="kind">Which timer ran out: <see cref="GrievanceAction.SlaBreach"/> or <see cref="GrievanceAction.FeedbackWindowExpired"/>.</param>
    /// <param name="timerToken">The timer token the sweeper read.</param>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a timer action.</exception>
    public HandleDueWork(GrievanceId grievanceId, Actor actor, GrievanceAction kind, long timerToken)
        : base(grievanceId, actor)
    {
        Kind = kind is GrievanceAction.SlaBreach or GrievanceAction.FeedbackWindowExpired
            ? kind
            : throw new ArgumentException($"{kind} is not a timer action; use SlaBreach or FeedbackWindowExpired.", nameof(kind));
        TimerToken = timerToken;
    }

    /// <summary>Gets which timer ran out.</summary>
    public GrievanceAction Kind { get; }

    /// <summary>Gets the timer token the sweeper read.</summary>
    public long TimerToken { get; }

    /// <inheritdoc />
    public override GrievanceAction Action => Kind;
}
