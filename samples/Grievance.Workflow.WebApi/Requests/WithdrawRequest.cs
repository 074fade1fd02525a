namespace Grievance.Workflow.WebApi.Requests;

/// <summary>Withdraws a grievance.</summary>
internal sealed record WithdrawRequest(string? Reason);
