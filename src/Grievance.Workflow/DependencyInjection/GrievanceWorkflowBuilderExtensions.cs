using System;
using System.Diagnostics.CodeAnalysis;
using Grievance.Workflow;
using Grievance.Workflow.Authorization;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Events;
using Grievance.Workflow.Feedback;
using Grievance.Workflow.Registration;
using Grievance.Workflow.Routing;
using Grievance.Workflow.DependencyInjection;
using Grievance.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Swaps the store and the policies of a grievance workflow. Each call replaces the current registration.</summary>
public static class GrievanceWorkflowBuilderExtensions
{
    /// <summary>Adds another configuration of the options.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder Configure(this IGrievanceWorkflowBuilder builder, Action<GrievanceWorkflowOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Uses <typeparamref name="TStore"/> as the store (a singleton).</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder UseStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this IGrievanceWorkflowBuilder builder)
        where TStore : class, IGrievanceStore
        => Replace<IGrievanceStore, TStore>(builder);

    /// <summary>Uses a store made by <paramref name="factory"/> (a singleton). Like any factory-made singleton, the container disposes it when it is disposed.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Makes the store.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder UseStore(this IGrievanceWorkflowBuilder builder, Func<IServiceProvider, IGrievanceStore> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>Uses the in-memory store: for tests, demos and one process without durability — every complaint is lost when the process stops.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder UseInMemoryStore(this IGrievanceWorkflowBuilder builder) => UseStore<InMemoryGrievanceStore>(builder);

    /// <summary>Uses <typeparamref name="TPolicy"/> as the routing policy (a singleton).</summary>
    /// <typeparam name="TPolicy">The policy type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder AddRoutingPolicy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TPolicy>(this IGrievanceWorkflowBuilder builder)
        where TPolicy : class, IRoutingPolicy
        => Replace<IRoutingPolicy, TPolicy>(builder);

    /// <summary>Uses <typeparamref name="TPolicy"/> as the escalation policy (a singleton).</summary>
    /// <typeparam name="TPolicy">The policy type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder AddEscalationPolicy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TPolicy>(this IGrievanceWorkflowBuilder builder)
        where TPolicy : class, IEscalationPolicy
        => Replace<IEscalationPolicy, TPolicy>(builder);

    /// <summary>Uses <typeparamref name="TPolicy"/> as the feedback policy (a singleton).</summary>
    /// <typeparam name="TPolicy">The policy type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder AddFeedbackPolicy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TPolicy>(this IGrievanceWorkflowBuilder builder)
        where TPolicy : class, IFeedbackPolicy
        => Replace<IFeedbackPolicy, TPolicy>(builder);

    /// <summary>Uses <typeparamref name="TPolicy"/> as the intake policy, asked at every registration (a singleton).</summary>
    /// <typeparam name="TPolicy">The policy type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder AddIntakePolicy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TPolicy>(this IGrievanceWorkflowBuilder builder)
        where TPolicy : class, Grievance.Workflow.Intake.IIntakePolicy
        => Replace<Grievance.Workflow.Intake.IIntakePolicy, TPolicy>(builder);

    /// <summary>Uses <typeparamref name="TPolicy"/> as the authorization policy (a singleton).</summary>
    /// <typeparam name="TPolicy">The policy type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder AddAuthorizationPolicy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TPolicy>(this IGrievanceWorkflowBuilder builder)
        where TPolicy : class, IAuthorizationPolicy
        => Replace<IAuthorizationPolicy, TPolicy>(builder);

    /// <summary>Uses <typeparamref name="TGenerator"/> to issue reference numbers (a singleton).</summary>
    /// <typeparam name="TGenerator">The generator type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder UseReferenceNumberGenerator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TGenerator>(this IGrievanceWorkflowBuilder builder)
        where TGenerator : class, IReferenceNumberGenerator
        => Replace<IReferenceNumberGenerator, TGenerator>(builder);

    /// <summary>Replaces the reference number generator with an instance, for example a <see cref="SeededReferenceNumberGenerator"/> for a reproducible simulation.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="generator">The generator, used for every registration; it must be thread-safe.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="generator"/> is <see langword="null"/>.</exception>
    public static IGrievanceWorkflowBuilder UseReferenceNumberGenerator(this IGrievanceWorkflowBuilder builder, IReferenceNumberGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(generator);
        builder.Services.Replace(ServiceDescriptor.Singleton(generator));
        return builder;
    }

    /// <summary>Adds an outbox subscriber (a singleton): the host's SMS gateway, e-mail, webhook… Subscribers add up; each is delivered every event.</summary>
    /// <typeparam name="TSubscriber">The subscriber type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder AddEventSubscriber<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSubscriber>(this IGrievanceWorkflowBuilder builder)
        where TSubscriber : class, IGrievanceEventSubscriber
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrievanceEventSubscriber, TSubscriber>());
        return builder;
    }

    private static IGrievanceWorkflowBuilder Replace<TService, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(IGrievanceWorkflowBuilder builder)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<TService, TImplementation>());
        return builder;
    }
}
