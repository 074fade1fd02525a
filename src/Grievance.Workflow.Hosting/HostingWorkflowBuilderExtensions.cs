using System;
using Grievance.Workflow.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Hosting;

/// <summary>Runs the workflow's background jobs in a .NET generic host.</summary>
public static class HostingWorkflowBuilderExtensions
{
    /// <summary>
    /// Adds a hosted service that runs the due-work sweeper, the outbox dispatcher and the retention job (those chosen in
    /// <see cref="BackgroundJobsOptions.Jobs"/>) on their intervals. Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options; bind <see cref="BackgroundJobsOptions"/> from configuration as well if you like.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Options are validated when the host starts; an invalid value stops the start with a message that prints it.</remarks>
    public static IGrievanceWorkflowBuilder AddBackgroundJobs(this IGrievanceWorkflowBuilder builder, Action<BackgroundJobsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<BackgroundJobsOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackgroundJobsOptions>, BackgroundJobsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, GrievanceBackgroundService>());
        return builder;
    }
}
