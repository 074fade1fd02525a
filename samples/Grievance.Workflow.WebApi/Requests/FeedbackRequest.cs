namespace Grievance.Workflow.WebApi.Requests;

/// <summary>The complainant's answer to the feedback call.</summary>
internal sealed record FeedbackRequest(FeedbackResponse Response, string? Reason, int? Rating);
