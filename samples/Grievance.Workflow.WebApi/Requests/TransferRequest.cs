namespace Grievance.Workflow.WebApi.Requests;

/// <summary>A transfer to the department the complaint belongs to.</summary>
internal sealed record TransferRequest(string Department, string Reason);
