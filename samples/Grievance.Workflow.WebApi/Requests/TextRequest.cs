namespace Grievance.Workflow.WebApi.Requests;

/// <summary>A command whose only field is its text (a question, an answer, a reason, remarks).</summary>
internal sealed record TextRequest(string Text);
