using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>Records the result of a feedback call on a disposed grievance: satisfied, dissatisfied (reason required) or not reachable.</summary>
/// <remarks>Immutable and thread-safe. The same rules apply whichever channel the grievance came through.</remarks>
public sealed record RecordFeedback : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who records it: the helpline agent or the complainant.</param>
    /// <param name="response">What came of the call.</param>
    /// <param name="reason">Why the complainant is dissatisfied (required then), or remarks; at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <param name="rating">An optional rating from 1 to 5; not allowed with <see cref="FeedbackResponse.NotReachable"/>.</param>
    /// <exception cref="ArgumentException">The reason is missing for a dissatisfied response or too long, or the response is undefined.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rating is outside 1 to 5, or given for an unreachable complainant.</exception>
    public RecordFeedback(GrievanceId grievanceId, Actor actor, FeedbackResponse response, string? reason = null, int? rating = null)
        : base(grievanceId, actor)
    {
        Response = response switch
        {
            FeedbackResponse.Satisfied or FeedbackResponse.Dissatisfied or FeedbackResponse.NotReachable => response,
            FeedbackResponse.WindowExpired => throw new ArgumentException("An expired feedback window is recorded by the due-work sweeper (HandleDueWork), not by a feedback call.", nameof(response)),
            _ => throw new ArgumentException($"The feedback response {(int)response} is not defined.", nameof(response)),
        };
        Reason = response == FeedbackResponse.Dissatisfied ? Guard.Text(reason, nameof(reason)) : Guard.OptionalText(reason, nameof(reason));
        if (rating is not null && (rating < 1 || rating > 5 || response == FeedbackResponse.NotReachable))
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating is from 1 to 5, and only for a complainant who was reached.");
        }

        Rating = rating;
    }

    /// <summary>Gets what came of the call.</summary>
    public FeedbackResponse Response { get; }

    /// <summary>Gets the reason or remarks, or <see langword="null"/>.</summary>
    public string? Reason { get; }

    /// <summary>Gets the rating from 1 to 5, or <see langword="null"/>.</summary>
    public int? Rating { get; }

    /// <inheritdoc />
    public override GrievanceAction Action => Response switch
    {
        FeedbackResponse.Satisfied => GrievanceAction.RecordSatisfied,
        FeedbackResponse.Dissatisfied => GrievanceAction.RecordDissatisfied,
        _ => GrievanceAction.RecordUnreachable,
    };
}
