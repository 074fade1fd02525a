using FluentAssertions;
using Grievance.Workflow.Events;
using Grievance.Workflow.Hosting.HealthChecks;
using Grievance.Workflow.Sweeping;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Tests.Hosting;

/// <summary>The health checks through the real <see cref="HealthCheckService"/>, on the seed's fake clock.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task The_outbox_check_reports_how_long_the_oldest_undelivered_event_has_waited_for_each_subscriber()
    {
        using var seed = NewSeed(b => b.Services.AddSingleton<IGrievanceEventSubscriber>(new Subscriber("sms")).AddSingleton<IGrievanceEventSubscriber>(new Subscriber("audit")));
        await seed.RegisterAsync();
        var outbox = seed.Services.GetRequiredService<IOutboxStore>();
        var all = await outbox.ReadAsync(0, 10, default);
        await outbox.RecordDeliveriesAsync("audit", all.Select(m => new OutboxDelivery(m.Position, 1, Seed.Start)).ToList(), default);

        var fresh = await CheckAsync(seed, GrievanceHealthChecks.Outbox);
        seed.Clock.Advance(TimeSpan.FromMinutes(5));
        var degraded = await CheckAsync(seed, GrievanceHealthChecks.Outbox);
        seed.Clock.Advance(TimeSpan.FromMinutes(55));
        var unhealthy = await CheckAsync(seed, GrievanceHealthChecks.Outbox);
        await seed.Services.GetRequiredService<IOutboxDispatcher>().DispatchAsync(10);
        var caughtUp = await CheckAsync(seed, GrievanceHealthChecks.Outbox);

        fresh.Status.Should().Be(HealthStatus.Healthy);
        degraded.Status.Should().Be(HealthStatus.Degraded);
        degraded.Data.Should().BeEquivalentTo(new Dictionary<string, object> { ["sms"] = 300.0, ["audit"] = 0.0 });
        degraded.Description.Should().Be("Subscriber sms has had an event waiting for 0:05:00.");
        unhealthy.Status.Should().Be(HealthStatus.Unhealthy);
        caughtUp.Status.Should().Be(HealthStatus.Healthy);
        caughtUp.Description.Should().Be("Every subscriber (2) is up to date.");
    }

    [Fact]
    public async Task The_due_work_check_reports_a_deadline_that_ran_out_and_was_not_swept_until_a_sweep_handles_it()
    {
        using var seed = NewSeed(configure: o => (o.DueWorkDegradedAfter, o.DueWorkUnhealthyAfter) = (TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)));
        await seed.RegisterAsync();
        seed.Clock.Advance(TimeSpan.FromDays(8)); // the 7-working-day deadline runs out now

        var onTime = await CheckAsync(seed, GrievanceHealthChecks.DueWork);
        seed.Clock.Advance(TimeSpan.FromMinutes(20));
        var degraded = await CheckAsync(seed, GrievanceHealthChecks.DueWork);
        seed.Clock.Advance(TimeSpan.FromHours(1));
        var unhealthy = await CheckAsync(seed, GrievanceHealthChecks.DueWork);
        await seed.Services.GetRequiredService<IGrievanceSweeper>().SweepAsync(seed.Clock.GetUtcNow(), 10);
        var swept = await CheckAsync(seed, GrievanceHealthChecks.DueWork);

        onTime.Status.Should().Be(HealthStatus.Healthy);
        degraded.Status.Should().Be(HealthStatus.Degraded);
        degraded.Description.Should().Be("The oldest OfficerDeadline that has run out has waited 0:20:00 for a sweep.");
        degraded.Data.Should().BeEquivalentTo(new Dictionary<string, object> { ["OfficerDeadline"] = 1200.0, ["FeedbackWindow"] = 0.0 });
        unhealthy.Status.Should().Be(HealthStatus.Unhealthy);
        swept.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task A_store_that_cannot_be_read_reports_the_registrations_failure_status_with_the_error()
    {
        using var seed = NewSeed(b => b.Services.AddSingleton<IDueWorkQuery>(new BrokenDueWork()), failureStatus: HealthStatus.Degraded);

        var result = await CheckAsync(seed, GrievanceHealthChecks.DueWork);

        result.Status.Should().Be(HealthStatus.Degraded);
        result.Description.Should().Be("The due work could not be read.");
        result.Exception.Should().BeOfType<InvalidOperationException>();
    }

    [Fact]
    public async Task With_no_subscriber_the_outbox_check_is_healthy_and_both_checks_carry_the_tags()
    {
        using var seed = NewSeed(tags: ["ready"]);

        var report = await seed.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));

        report.Entries.Keys.Should().BeEquivalentTo(GrievanceHealthChecks.Outbox, GrievanceHealthChecks.DueWork);
        report.Entries[GrievanceHealthChecks.Outbox].Description.Should().Be("No outbox subscriber is registered or named.");
        report.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public void Adding_the_checks_twice_registers_them_once_and_bad_limits_are_reported_with_their_values()
    {
        using var seed = NewSeed(b => b.Services.AddHealthChecks().AddGrievanceWorkflowChecks(o => o.OutboxUnhealthyAfter = TimeSpan.FromMinutes(1)));

        seed.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name)
            .Should().BeEquivalentTo(GrievanceHealthChecks.Outbox, GrievanceHealthChecks.DueWork);
        var read = () => seed.Services.GetRequiredService<IOptions<GrievanceHealthCheckOptions>>().Value;
        read.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "OutboxDegradedAfter: 00:05:00, OutboxUnhealthyAfter: 00:01:00; the degraded limit must not be above the unhealthy one.");
    }

    private static Seed NewSeed(Action<IGrievanceWorkflowBuilder>? build = null, Action<GrievanceHealthCheckOptions>? configure = null, HealthStatus? failureStatus = null, string[]? tags = null)
        => new(build: b =>
        {
            b.Services.AddLogging().AddHealthChecks().AddGrievanceWorkflowChecks(configure, failureStatus, tags);
            build?.Invoke(b);
        });

    private static async Task<HealthReportEntry> CheckAsync(Seed seed, string name)
        => (await seed.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == name)).Entries[name];

    private sealed class Subscriber(string name) : IGrievanceEventSubscriber
    {
        public string Name { get; } = name;

        public ValueTask HandleAsync(GrievanceEvent grievanceEvent, CancellationToken cancellationToken) => default;
    }

    private sealed class BrokenDueWork : IDueWorkQuery
    {
        public ValueTask<IReadOnlyList<DueWorkItem>> FindDueAsync(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, CancellationToken cancellationToken)
            => throw new InvalidOperationException("the database is down");
    }
}
