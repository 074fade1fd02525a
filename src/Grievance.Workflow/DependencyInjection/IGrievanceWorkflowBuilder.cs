using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.DependencyInjection;

/// <summary>Chains the store and the policies onto <c>services.AddGrievanceWorkflow(…)</c>.</summary>
public interface IGrievanceWorkflowBuilder
{
    /// <summary>Gets the service collection the workflow is registered in.</summary>
    IServiceCollection Services { get; }
}
