using System.Text.Json.Serialization;

namespace Grievance.Workflow;

/// <summary>What came of a feedback call.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeedbackResponse>))]
public enum FeedbackResponse
{
    /// <summary>The complainant is satisfied with the disposal.</summary>
    Satisfied = 1,

    /// <summary>The complainant is dissatisfied; a reason is required.</summary>
    Dissatisfied = 2,

    /// <summary>The complainant could not be reached; an attempt is counted.</summary>
    NotReachable = 3,

    /// <summary>No feedback was taken within the feedback window (set by the due-work sweeper, never by a caller).</summary>
    WindowExpired = 4,
}
