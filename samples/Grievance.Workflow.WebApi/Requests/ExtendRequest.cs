namespace Grievance.Workflow.WebApi.Requests;

/// <summary>An interim reply with a new date.</summary>
internal sealed record ExtendRequest(DateTimeOffset NewDueAt, string Reason);
