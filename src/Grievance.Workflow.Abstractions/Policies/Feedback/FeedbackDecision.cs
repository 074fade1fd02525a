using System.Text.Json.Serialization;

namespace Grievance.Workflow.Feedback;

/// <summary>The feedback policy's answer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeedbackDecision>))]
public enum FeedbackDecision
{
    /// <summary>Take the answer as given: satisfied closes as resolved, dissatisfied goes to the escalation policy.</summary>
    Accept = 1,

    /// <summary>Count an unreachable attempt and keep waiting for feedback.</summary>
    KeepWaiting = 2,

    /// <summary>Close with outcome <see cref="GrievanceOutcome.ClosedNoFeedback"/> (never counted as resolved).</summary>
    CloseWithoutFeedback = 3,
}
