namespace Grievance.Workflow.WebApi.Requests;

/// <summary>Proposes a special closure.</summary>
internal sealed record SpecialClosureRequest(string ReasonCode, string Remarks);
