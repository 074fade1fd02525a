namespace Grievance.Workflow.WebApi.Requests;

/// <summary>Closes a grievance as a duplicate of another, named by its reference number.</summary>
internal sealed record DuplicateRequest(string Original, string? Remarks);
