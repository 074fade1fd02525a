namespace Grievance.Workflow.WebApi.Requests;

/// <summary>The officer's disposal report (the aakhya).</summary>
internal sealed record ReportRequest(string Report);
