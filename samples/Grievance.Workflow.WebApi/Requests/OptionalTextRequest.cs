namespace Grievance.Workflow.WebApi.Requests;

/// <summary>A command whose only field is optional remarks.</summary>
internal sealed record OptionalTextRequest(string? Text);
