namespace Grievance.Workflow.Hosting.HealthChecks;

/// <summary>The names of the workflow's health checks, as registered by <see cref="Microsoft.Extensions.DependencyInjection.GrievanceHealthChecksBuilderExtensions.AddGrievanceWorkflowChecks"/>.</summary>
public static class GrievanceHealthChecks
{
    /// <summary>The outbox check: how long the oldest event a subscriber has not been delivered has been waiting.</summary>
    public const string Outbox = "grievance-outbox";

    /// <summary>The due-work check: how long the oldest officer deadline or feedback window that has run out has gone unswept.</summary>
    public const string DueWork = "grievance-due-work";
}
