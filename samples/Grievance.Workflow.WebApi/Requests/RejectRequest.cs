namespace Grievance.Workflow.WebApi.Requests;

/// <summary>Rejects a grievance as not maintainable.</summary>
internal sealed record RejectRequest(string ReasonCode, string? Remarks);
