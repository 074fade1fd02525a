
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chains the store and the policies onto <c>services.AddGrievanceWorkflow(…)</c>.</summary>
public interface IGrievanceWorkflowBuilder
{
    /// <summary>Gets the service collection the workflow is registered in.</summary>
    IServiceCollection Services { get; }
}
