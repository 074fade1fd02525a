namespace Grievance.Workflow.WebApi.Requests;

/// <summary>Allows an appeal back to a level.</summary>
internal sealed record AllowAppealRequest(int Level, string Remarks);
