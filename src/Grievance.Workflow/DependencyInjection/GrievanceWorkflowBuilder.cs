using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.DependencyInjection;

internal sealed class GrievanceWorkflowBuilder : IGrievanceWorkflowBuilder
{
    public GrievanceWorkflowBuilder(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }
}
