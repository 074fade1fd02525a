using System;
using Grievance.Workflow.Hosting.HealthChecks;
using System.Collections.Generic;
using System.Linq;
using Grievance.Workflow;
using Grievance.Workflow.Events;
using Grievance.Workflow.Sweeping;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the workflow's health checks with <c>services.AddHealthChecks()</c>.</summary>
public static class GrievanceHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds two checks: <see cref="GrievanceHealthChecks.Outbox"/> (subscribers falling behind the outbox) and
    /// <see cref="GrievanceHealthChecks.DueWork"/> (deadlines and feedback windows that ran out and were not swept). Calling it
    /// again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets the limits.</param>
    /// <param name="failureStatus">What a check reports past its "unhealthy" limit or when the store cannot be read; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags for both checks, for example <c>"ready"</c>.</param>
    /// <returns>The builder.</returns>
    /// <remarks>The checks read the store once per subscriber and once per kind of due work; the store must implement <see cref="IOutboxStore"/> and <see cref="IDueWorkQuery"/>.</remarks>
    public static IHealthChecksBuilder AddGrievanceWorkflowChecks(
        this IHealthChecksBuilder builder, Action<GrievanceHealthCheckOptions>? configure = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<GrievanceHealthCheckOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<GrievanceHealthCheckOptions>)))
        {
            return builder; // the checks are registered already
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrievanceHealthCheckOptions>, GrievanceHealthCheckOptionsValidator>());
        // Each check is built once (its subscriber list and limits are fixed for the container's life), not at every health run.
        services.TryAddSingleton(sp =>
        {
            var limits = sp.GetRequiredService<IOptions<GrievanceHealthCheckOptions>>().Value;
            var subscribers = sp.GetServices<IGrievanceEventSubscriber>().Select(s => s.Name)
                .Concat(sp.GetRequiredService<IOptions<GrievanceWorkflowOptions>>().Value.Retention.OutboxSubscribers)
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            return new OutboxHealthCheck(
                sp.GetRequiredService<IOutboxStore>(), subscribers, new LagLimits(limits.OutboxDegradedAfter, limits.OutboxUnhealthyAfter), TimeOf(sp));
        });
        services.TryAddSingleton(sp =>
        {
            var limits = sp.GetRequiredService<IOptions<GrievanceHealthCheckOptions>>().Value;
            return new DueWorkHealthCheck(sp.GetRequiredService<IDueWorkQuery>(), new LagLimits(limits.DueWorkDegradedAfter, limits.DueWorkUnhealthyAfter), TimeOf(sp));
        });
        var tagList = tags?.ToArray() ?? [];
        builder.Add(new HealthCheckRegistration(GrievanceHealthChecks.Outbox, sp => sp.GetRequiredService<OutboxHealthCheck>(), failureStatus, tagList));
        builder.Add(new HealthCheckRegistration(GrievanceHealthChecks.DueWork, sp => sp.GetRequiredService<DueWorkHealthCheck>(), failureStatus, tagList));
        return builder;
    }

    private static TimeProvider TimeOf(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;
}
