using FluentAssertions;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Grievance.Workflow.Tests.DependencyInjection;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void Defaults_are_the_in_memory_store_and_the_built_in_policies()
    {
        using var provider = new ServiceCollection().AddGrievanceWorkflow().UseInMemoryStore().Services.BuildServiceProvider(validateScopes: true);

        provider.GetRequiredService<IGrievanceStore>().Should().BeOfType<InMemoryGrievanceStore>();
        provider.GetRequiredService<IRoutingPolicy>().Should().BeOfType<RuleTableRoutingPolicy>();
        provider.GetRequiredService<IOfficerDirectory>().Should().BeOfType<OptionsOfficerDirectory>();
        provider.GetRequiredService<Grievance.Workflow.Sweeping.IDueWorkQuery>().Should().BeSameAs(provider.GetRequiredService<IGrievanceStore>());
        provider.GetRequiredService<IEscalationPolicy>().Should().BeOfType<LadderEscalationPolicy>();
        provider.GetRequiredService<IGrievanceWorkflow>().Should().BeSameAs(provider.GetRequiredService<IGrievanceWorkflow>());
    }

    [Fact]
    public void Calling_AddGrievanceWorkflow_twice_registers_everything_once_and_keeps_both_configurations()
    {
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow(o => o.Levels = 4);
        services.AddGrievanceWorkflow(o => o.MaxTransfers = 1).UseInMemoryStore();

        services.Count(d => d.ServiceType == typeof(IGrievanceWorkflow)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IGrievanceStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<GrievanceWorkflowOptions>)).Should().Be(2, "the options' own and the store choice's");
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<GrievanceWorkflowOptions>>().Value;
        options.Levels.Should().Be(4);
        options.MaxTransfers.Should().Be(1);
    }

    [Fact]
    public async Task A_policy_registered_through_the_builder_replaces_the_default_and_the_engine_uses_it()
    {
        using var seed = new Seed(build: b => b.AddEscalationPolicy<AlwaysCloseEscalationPolicy>());
        var g = await seed.ReportAsync(await seed.RegisterAsync());

        g = await seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);

        g.Outcome.Should().Be(GrievanceOutcome.ClosedAtFinalLevel, "the custom policy closes at the first dissatisfaction");
        seed.Services.GetServices<IEscalationPolicy>().Should().ContainSingle().Which.Should().BeOfType<AlwaysCloseEscalationPolicy>();
    }

    [Fact]
    public async Task A_store_registered_through_the_builder_is_the_one_the_engine_writes_to()
    {
        var store = new InMemoryGrievanceStore();
        using var seed = new Seed(build: b => b.UseStore(_ => store));

        var g = await seed.RegisterAsync();

        (await store.FindAsync(g.Id, default)).Should().Be(g);
    }

    [Fact]
    public async Task The_TimeProvider_from_the_container_stamps_history()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 1, 26, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        services.AddGrievanceWorkflow(o => o.Routing.DefaultDepartment = "general").UseInMemoryStore();
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IGrievanceWorkflow>().RegisterAsync(Seed.Complaint());

        result.Entry.OccurredAt.Should().Be(clock.GetUtcNow());
        result.Grievance.DueAt.Should().Be(clock.GetUtcNow().AddDays(8), "registered on a Sunday: 7 working days end on the Monday after next");
        result.Grievance.Department.Should().Be(new DepartmentId("general"));
    }

    [Fact]
    public void Without_a_registered_TimeProvider_the_system_clock_is_used()
    {
        using var provider = new ServiceCollection().AddGrievanceWorkflow().UseInMemoryStore().Services.BuildServiceProvider();

        provider.GetService<TimeProvider>().Should().BeSameAs(TimeProvider.System, "the library registers the system clock when the host has none, so the host's policies can take it too");
        provider.GetRequiredService<IGrievanceWorkflow>().Should().NotBeNull();
    }

    [Fact]
    public void Bad_options_fail_on_start_with_messages_that_print_the_values()
    {
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow(o =>
        {
            o.Levels = 11;
            o.MaxTransfers = -1;
            o.Sla.DefaultDays = 0;
            o.ReferenceNumberPrefix = "GR V";
            o.Escalation.ReopensPerLevel[3] = 1;
            o.Feedback.MaxUnreachableAttempts = 0;
        }).UseInMemoryStore();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IGrievanceWorkflow>();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
            "Levels: 11; it must be from 1 to 10.",
            "MaxTransfers: -1; it must be from 0 to 100.",
            "Sla.DefaultDays: 0; it must be from 1 to 365.",
            "ReferenceNumberPrefix: 'GR V'; it must be 1 to 16 ASCII letters or digits.",
            "Feedback.MaxUnreachableAttempts: 0; it must be from 1 to 100.");
    }

    [Fact]
    public void Retry_and_extension_limits_out_of_range_are_refused_with_their_values()
    {
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow(o =>
        {
            o.ConcurrencyRetryBaseDelay = TimeSpan.FromMilliseconds(-1);
            o.ConcurrencyRetryMaxDelay = TimeSpan.FromMinutes(1);
            o.Sla.ExtensionHorizonWorkingDays = 0;
        }).UseInMemoryStore();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IGrievanceWorkflow>();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
            "ConcurrencyRetryBaseDelay: -00:00:00.0010000; it must be from 00:00:00 to 00:00:10.",
            "ConcurrencyRetryMaxDelay: 00:01:00; it must be from ConcurrencyRetryBaseDelay (-00:00:00.0010000) to 00:00:30.",
            "Sla.ExtensionHorizonWorkingDays: 0; it must be from 1 to 365.");
    }

    [Fact]
    public void Reopens_and_officers_for_levels_above_the_ladder_are_refused()
    {
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow(o =>
        {
            o.Escalation.ReopensPerLevel[3] = 1;
            o.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 5, Officer = "b" });
        }).UseInMemoryStore();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IGrievanceWorkflow>();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
            "Escalation.ReopensPerLevel: level 3 is not a level of the ladder (1 to 2).",
            "Routing.Officers[0] (uppcl): level 5 is not a level of the department's ladder (1 to 2).");
    }

    [Fact]
    public async Task Options_are_validated_on_start_by_the_host()
    {
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow(o => o.Levels = 42).UseInMemoryStore();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage("*Levels: 42; it must be from 1 to 10.*");
        await Task.CompletedTask;
    }

    private sealed class AlwaysCloseEscalationPolicy : IEscalationPolicy
    {
        public ValueTask<EscalationDecision> DecideAsync(EscalationRequest request, CancellationToken cancellationToken) => new(EscalationDecision.CloseAtFinalLevel);
    }

    [Fact]
    public void Without_a_chosen_store_the_workflow_refuses_to_start_and_names_the_choices()
    {
        // Regression: a host that forgot Use…Store ran on the in-memory store, background jobs included, and lost every complaint at restart.
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow(o => o.Routing.DefaultDepartment = "general");
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IOptions<GrievanceWorkflowOptions>>().Value;
        var resolve = () => provider.GetRequiredService<IGrievanceWorkflow>();

        validate.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().Contain("UseInMemoryStore()").And.Contain("UseSqliteStore(").And.Contain("UsePostgreSqlStore(").And.Contain("lost when the process stops");
        resolve.Should().Throw<InvalidOperationException>().WithMessage("No grievance store was chosen*UseInMemoryStore()*");
    }

    [Fact]
    public async Task Without_a_chosen_store_the_host_fails_to_start()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddGrievanceWorkflow();
        using var host = builder.Build();

        var start = async () => await host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("No grievance store was chosen");
    }

    [Fact]
    public void A_store_registered_by_the_host_itself_counts_as_chosen()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IGrievanceStore>(new InMemoryGrievanceStore());
        services.AddGrievanceWorkflow();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IGrievanceWorkflow>().Should().NotBeNull();
    }
}
