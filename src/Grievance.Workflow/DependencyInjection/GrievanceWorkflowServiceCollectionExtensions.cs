using System;
using System.Linq;
using Grievance.Workflow.Authorization;
using Grievance.Workflow.Engine;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Feedback;
using Grievance.Workflow.Registration;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.DependencyInjection;

/// <summary>Registers the grievance workflow in a service collection.</summary>
public static class GrievanceWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IGrievanceWorkflow"/> with the in-memory store and the default policies, all as singletons. Calling it
    /// again is harmless: it only adds the extra <paramref name="configure"/>. A <see cref="TimeProvider"/> registered in the
    /// container is used; otherwise <see cref="TimeProvider.System"/>. Options are validated on start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options, or <see langword="null"/> for the defaults.</param>
    /// <returns>A builder to chain the store and the policies.</returns>
    public static IGrievanceWorkflowBuilder AddGrievanceWorkflow(this IServiceCollection services, Action<GrievanceWorkflowOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new GrievanceWorkflowBuilder(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(GrievanceWorkflowMarker)))
        {
            return builder;
        }

        services.AddSingleton<GrievanceWorkflowMarker>();
        services.AddOptions<GrievanceWorkflowOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrievanceWorkflowOptions>, GrievanceWorkflowOptionsValidator>());
        services.TryAddSingleton<IGrievanceStore, InMemoryGrievanceStore>();
        services.TryAddSingleton<IRoutingPolicy, OptionsRoutingPolicy>();
        services.TryAddSingleton<IEscalationPolicy, LadderEscalationPolicy>();
        services.TryAddSingleton<IFeedbackPolicy, DefaultFeedbackPolicy>();
        services.TryAddSingleton<IAuthorizationPolicy, RoleBasedAuthorizationPolicy>();
        services.TryAddSingleton<IReferenceNumberGenerator, RandomReferenceNumberGenerator>();
        services.TryAddSingleton<IGrievanceWorkflow>(sp => new GrievanceEngine(
            sp.GetRequiredService<IGrievanceStore>(),
            sp.GetRequiredService<IRoutingPolicy>(),
            sp.GetRequiredService<IEscalationPolicy>(),
            sp.GetRequiredService<IFeedbackPolicy>(),
            sp.GetRequiredService<IAuthorizationPolicy>(),
            sp.GetRequiredService<IReferenceNumberGenerator>(),
            sp.GetRequiredService<IOptions<GrievanceWorkflowOptions>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return builder;
    }
}
