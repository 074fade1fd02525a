namespace Grievance.Workflow.WebApi.Requests;

/// <summary>A new complaint, as a helpline agent or a portal submits it.</summary>
internal sealed record RegisterRequest(
    string Channel,
    string Category,
    string? SubCategory,
    string District,
    string? Tehsil,
    string? Ward,
    string ComplainantId,
    string? Name,
    string? Phone,
    string? Email,
    string? Address,
    string Description,
    string? CommandId);
