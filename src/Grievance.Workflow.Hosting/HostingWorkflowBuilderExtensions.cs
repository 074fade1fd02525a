using System;
using Grievance.Workflow.Hosting;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs the workflow's background jobs in a .NET generic host.</summary>
public static class HostingWorkflowBuilderExtensions
{
    /// <summary>
    /// Adds a hosted service that runs the due-work sweeper, the outbox dispatcher and the retention job (those chosen in
    /// <see cref="BackgroundJobsOptions.Jobs"/>) on their intervals, with the default <see cref="BackgroundJobsOptions"/>. Calling it
    /// again adds nothing twice.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Options are validated when the host starts; an invalid value stops the start with a message that prints it.</remarks>
    public static IGrievanceWorkflowBuilder AddBackgroundJobs(this IGrievanceWorkflowBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BackgroundJobsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackgroundJobsOptions>, BackgroundJobsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, GrievanceBackgroundService>());
        return builder;
    }

    /// <summary>
    /// Adds the background jobs as <see cref="AddBackgroundJobs(IGrievanceWorkflowBuilder)"/> does, with options set in code. Calling
    /// it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Options are validated when the host starts; an invalid value stops the start with a message that prints it.</remarks>
    public static IGrievanceWorkflowBuilder AddBackgroundJobs(this IGrievanceWorkflowBuilder builder, Action<BackgroundJobsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddBackgroundJobs(builder);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Adds the background jobs as <see cref="AddBackgroundJobs(IGrievanceWorkflowBuilder)"/> does, with
    /// their options bound from a configuration section (by convention <see cref="BackgroundJobsOptions.SectionName"/> of
    /// <c>appsettings.json</c>: <c>"Jobs": "Sweeper, OutboxDispatcher"</c>, <c>"SweepInterval": "00:00:30"</c>…).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Options are validated when the host starts; an invalid value stops the start with a message that prints it.</remarks>
    [RequiresUnreferencedCode("Binds BackgroundJobsOptions from configuration by reflection. Use the Action<BackgroundJobsOptions> overload in trimmed apps.")]
    [RequiresDynamicCode("Binds BackgroundJobsOptions from configuration by reflection. Use the Action<BackgroundJobsOptions> overload in native AOT apps.")]
    public static IGrievanceWorkflowBuilder AddBackgroundJobs(this IGrievanceWorkflowBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddBackgroundJobs(builder);
        builder.Services.AddOptions<BackgroundJobsOptions>().Bind(configuration);
        return builder;
    }
}
