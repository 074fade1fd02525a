namespace Grievance.Workflow.WebApi.Requests;

/// <summary>Routes a grievance out of triage to a department (and optionally a named officer).</summary>
internal sealed record RouteRequest(string Department, string? Officer);
