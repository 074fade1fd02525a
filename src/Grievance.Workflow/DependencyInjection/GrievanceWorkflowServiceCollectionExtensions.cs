using System;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Linq;
using Grievance.Workflow;
using Grievance.Workflow.Authorization;
using Grievance.Workflow.Clocks;
using Grievance.Workflow.Engine;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Events;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Feedback;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Registration;
using Grievance.Workflow.Routing;
using Grievance.Workflow.DependencyInjection;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;
using Grievance.Workflow.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the grievance workflow in a service collection.</summary>
public static class GrievanceWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IGrievanceWorkflow"/> with the default policies, all as singletons; chain the store —
    /// <c>UseInMemoryStore()</c>, <c>UseSqliteStore(…)</c>, <c>UsePostgreSqlStore(…)</c> or <c>UseStore(…)</c>: none chosen fails the
    /// host's start (the options are validated on start) with a message that names them. Calling it
    /// again is harmless: it only adds the extra <paramref name="configure"/>. A <see cref="TimeProvider"/> registered in the
    /// container is used; otherwise <see cref="TimeProvider.System"/> is registered (with <c>TryAddSingleton</c>), so a policy of
    /// the host's may take a <see cref="TimeProvider"/> in its constructor. Options are validated on start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>A builder to chain the store and the policies.</returns>
    public static IGrievanceWorkflowBuilder AddGrievanceWorkflow(this IServiceCollection services, Action<GrievanceWorkflowOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, s => s.Configure(configure));
    }

    /// <summary>Registers the workflow with the default options (the CM Helpline 1076 flow) and the default policies; chain the store.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to chain the store and the policies.</returns>
    public static IGrievanceWorkflowBuilder AddGrievanceWorkflow(this IServiceCollection services) => AddCore(services, null);

    /// <summary>
    /// Registers the workflow as <see cref="AddGrievanceWorkflow(IServiceCollection, Action{GrievanceWorkflowOptions})"/> does, with its
    /// options bound from a configuration section (by convention <see cref="GrievanceWorkflowOptions.SectionName"/> of
    /// <c>appsettings.json</c>). Binding reloads with the configuration; the engine reads the options once, at start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <returns>A builder to chain the store and the policies.</returns>
    [RequiresUnreferencedCode("Binds GrievanceWorkflowOptions from configuration by reflection. Use the Action<GrievanceWorkflowOptions> overload in trimmed apps.")]
    [RequiresDynamicCode("Binds GrievanceWorkflowOptions from configuration by reflection. Use the Action<GrievanceWorkflowOptions> overload in native AOT apps.")]
    public static IGrievanceWorkflowBuilder AddGrievanceWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, s => s.Configure<GrievanceWorkflowOptions>(configuration));
    }

    private static GrievanceWorkflowBuilder AddCore(IServiceCollection services, Action<IServiceCollection>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new GrievanceWorkflowBuilder(services);
        configure?.Invoke(services);

        if (services.Any(d => d.ServiceType == typeof(GrievanceWorkflowMarker)))
        {
            return builder;
        }

        services.AddSingleton<GrievanceWorkflowMarker>();
        services.AddOptions<GrievanceWorkflowOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrievanceWorkflowOptions>, GrievanceWorkflowOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System); // a host's own, registered before or after, wins
        // No store by default: the host chooses one (UseInMemoryStore included); none chosen fails the start with the choices.
        services.TryAddSingleton<IGrievanceStore>(_ => throw new StoreNotChosenException());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrievanceWorkflowOptions>, StoreChosenValidator>());
        services.TryAddSingleton<IDueWorkQuery>(sp => sp.GetRequiredService<IGrievanceStore>() as IDueWorkQuery
            ?? throw new InvalidOperationException($"The store {sp.GetRequiredService<IGrievanceStore>().GetType().Name} does not implement IDueWorkQuery; register one to run the due-work sweeper."));
        services.TryAddSingleton<IGrievanceQuery>(sp => sp.GetRequiredService<IGrievanceStore>() as IGrievanceQuery
            ?? throw new InvalidOperationException($"The store {sp.GetRequiredService<IGrievanceStore>().GetType().Name} does not implement IGrievanceQuery."));
        services.TryAddSingleton<IGrievanceStatistics>(sp => sp.GetRequiredService<IGrievanceStore>() as IGrievanceStatistics
            ?? throw new InvalidOperationException($"The store {sp.GetRequiredService<IGrievanceStore>().GetType().Name} does not implement IGrievanceStatistics."));
        services.TryAddSingleton<IGrievanceFlowReports>(sp => sp.GetRequiredService<IGrievanceStore>() as IGrievanceFlowReports
            ?? throw new InvalidOperationException($"The store {sp.GetRequiredService<IGrievanceStore>().GetType().Name} does not implement IGrievanceFlowReports."));
        services.TryAddSingleton<IComplainantAnonymizer>(sp => sp.GetRequiredService<IGrievanceStore>() as IComplainantAnonymizer
            ?? throw new InvalidOperationException($"The store {sp.GetRequiredService<IGrievanceStore>().GetType().Name} does not implement IComplainantAnonymizer; register one to run the retention job."));
        services.TryAddSingleton<IGrievanceRanking>(sp => new WeightedRanking(sp.GetRequiredService<IOptions<GrievanceWorkflowOptions>>().Value.Ranking));
        services.TryAddSingleton<IRetentionJob>(sp => new RetentionJob(
            sp.GetRequiredService<IComplainantAnonymizer>(),
            sp.GetRequiredService<IOptions<GrievanceWorkflowOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger(GrievanceTelemetry.Name),
            RetentionJob.OutboxCleanup.For(
                sp.GetRequiredService<IOptions<GrievanceWorkflowOptions>>().Value.Retention.OutboxSubscribers,
                sp.GetServices<IGrievanceEventSubscriber>(),
                () => sp.GetRequiredService<IOutboxStore>())));
        services.TryAddSingleton<IOutboxStore>(sp => sp.GetRequiredService<IGrievanceStore>() as IOutboxStore
            ?? throw new InvalidOperationException($"The store {sp.GetRequiredService<IGrievanceStore>().GetType().Name} does not implement IOutboxStore; register one to dispatch events."));
        services.TryAddSingleton<IOutboxDispatcher>(sp => new OutboxDispatcher(
            sp.GetRequiredService<IOutboxStore>(),
            sp.GetServices<IGrievanceEventSubscriber>(),
            sp.GetRequiredService<IOptions<GrievanceWorkflowOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger(GrievanceTelemetry.Name),
            sp.GetRequiredService<WorkflowInstruments>(),
            sp.GetService<Polly.Registry.ResiliencePipelineProvider<string>>()));
        services.TryAddSingleton<IRoutingPolicy, RuleTableRoutingPolicy>();
        services.TryAddSingleton<IOfficerDirectory, OptionsOfficerDirectory>();
        services.TryAddSingleton<IBusinessCalendar, WorkingDayCalendar>();
        services.TryAddSingleton<IGrievanceSweeper, GrievanceSweeper>();
        services.TryAddSingleton<Grievance.Workflow.Bulk.IGrievanceBulkActions, Grievance.Workflow.Bulk.GrievanceBulkActions>();
        services.TryAddSingleton<Grievance.Workflow.Import.IGrievanceImporter>(sp => new Grievance.Workflow.Import.GrievanceImporter(sp.GetRequiredService<IGrievanceStore>()));
        services.TryAddSingleton<IEscalationPolicy, LadderEscalationPolicy>();
        services.TryAddSingleton<IFeedbackPolicy, DefaultFeedbackPolicy>();
        services.TryAddSingleton<Grievance.Workflow.Intake.IIntakePolicy, Grievance.Workflow.Intake.RuleBasedIntakePolicy>();
        services.TryAddSingleton<IAuthorizationPolicy, RoleBasedAuthorizationPolicy>();
        services.TryAddSingleton<IReferenceNumberGenerator, RandomReferenceNumberGenerator>();
        services.TryAddSingleton<IGrievanceWorkflow>(sp => new GrievanceEngine(
            sp.GetRequiredService<IGrievanceStore>(),
            sp.GetRequiredService<IRoutingPolicy>(),
            sp.GetRequiredService<IEscalationPolicy>(),
            sp.GetRequiredService<IFeedbackPolicy>(),
            sp.GetRequiredService<IAuthorizationPolicy>(),
            sp.GetRequiredService<IReferenceNumberGenerator>(),
            sp.GetRequiredService<IBusinessCalendar>(),
            sp.GetRequiredService<IOptions<GrievanceWorkflowOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            machines: null,
            sp.GetRequiredService<WorkflowInstruments>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger(GrievanceTelemetry.Name),
            sp.GetRequiredService<Grievance.Workflow.Intake.IIntakePolicy>()));
        services.TryAddSingleton(sp => new WorkflowInstruments(sp.GetService<IMeterFactory>()));
        return builder;
    }
}
