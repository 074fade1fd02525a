using System;

namespace Grievance.Workflow.Feedback;

/// <summary>A question to the feedback policy.</summary>
/// <remarks>Immutable and thread-safe. The default value is not a valid request.</remarks>
public readonly struct FeedbackRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="grievance">The grievance as it is now (awaiting feedback).</param>
    /// <param name="response">The call's result.</param>
    /// <param name="now">The engine's current time.</param>
    public FeedbackRequest(GrievanceSnapshot grievance, FeedbackResponse response, DateTimeOffset now)
    {
        Grievance = grievance ?? throw new ArgumentNullException(nameof(grievance));
        Response = response;
        Now = now;
    }

    /// <summary>Gets the grievance.</summary>
    public GrievanceSnapshot Grievance { get; }

    /// <summary>Gets the call's result.</summary>
    public FeedbackResponse Response { get; }

    /// <summary>Gets the engine's current time.</summary>
    public DateTimeOffset Now { get; }
}
