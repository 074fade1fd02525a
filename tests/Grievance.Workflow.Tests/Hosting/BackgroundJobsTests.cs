using System.Diagnostics.Metrics;
using FluentAssertions;
using Grievance.Workflow.Events;
using Grievance.Workflow.Hosting;
using Grievance.Workflow.Sweeping;
using Grievance.Workflow.Telemetry;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Tests.Hosting;

/// <summary>
/// The hosted service on the seed's fake clock. A job's first run starts with the service; later runs only when the fake clock
/// passes an interval. Each test waits (in real time, bounded) for the log line that ends a run before it moves the clock.
/// </summary>
public sealed class BackgroundJobsTests
{
    private const int RunFinished = 1102;

    [Fact]
    public async Task The_sweeper_runs_when_the_host_starts_and_again_at_every_interval_on_the_containers_clock()
    {
        using var seed = NewSeed(o => (o.Jobs, o.SweepInterval) = (BackgroundJobs.Sweeper, TimeSpan.FromDays(7)));
        var first = await seed.RegisterAsync();
        seed.Clock.Advance(TimeSpan.FromDays(8)); // past the 7-working-day limit (8 calendar days)

        await using (await StartAsync(seed))
        {
            await RunsFinishedAsync(seed, BackgroundJobs.Sweeper, 1);
            (await seed.Workflow.GetAsync(first.Id)).IsOverdue.Should().BeTrue("the first run sweeps at start");

            var second = await seed.RegisterAsync();
            seed.Clock.Advance(TimeSpan.FromDays(7)); // exactly one interval: one run, a day before the second's deadline
            await RunsFinishedAsync(seed, BackgroundJobs.Sweeper, 2);
            (await seed.Workflow.GetAsync(second.Id)).IsOverdue.Should().BeFalse("the second run swept at the interval's time, before the deadline");

            seed.Clock.Advance(TimeSpan.FromDays(7));
            await RunsFinishedAsync(seed, BackgroundJobs.Sweeper, 3);
            (await seed.Workflow.GetAsync(second.Id)).IsOverdue.Should().BeTrue("the third run swept after the deadline");
        }
    }

    [Fact]
    public async Task The_dispatcher_delivers_new_events_to_the_subscribers_every_interval()
    {
        var sms = new CountingSubscriber();
        using var seed = NewSeed(o => (o.Jobs, o.DispatchInterval) = (BackgroundJobs.OutboxDispatcher, TimeSpan.FromSeconds(5)), b => b.Services.AddSingleton<IGrievanceEventSubscriber>(sms));
        await seed.RegisterAsync();

        await using (await StartAsync(seed))
        {
            await RunsFinishedAsync(seed, BackgroundJobs.OutboxDispatcher, 1);
            sms.Count.Should().Be(2, "registered and routed");

            await seed.RegisterAsync();
            seed.Clock.Advance(TimeSpan.FromSeconds(5));
            await RunsFinishedAsync(seed, BackgroundJobs.OutboxDispatcher, 2);
            sms.Count.Should().Be(4);
        }
    }

    [Fact]
    public async Task Stopping_the_host_hands_the_dispatchers_subscriber_leases_over_at_once()
    {
        var sms = new CountingSubscriber();
        using var seed = NewSeed(o => o.Jobs = BackgroundJobs.OutboxDispatcher, b => b.Services.AddSingleton<IGrievanceEventSubscriber>(sms));
        await seed.RegisterAsync();
        var leases = (IOutboxLeases)seed.Services.GetRequiredService<IOutboxStore>();
        var now = seed.Clock.GetUtcNow();

        await using (await StartAsync(seed))
        {
            await RunsFinishedAsync(seed, BackgroundJobs.OutboxDispatcher, 1);
            (await leases.TryAcquireLeaseAsync(sms.Name, "another-node", now, now.AddSeconds(30), default)).Should().BeFalse("this host's dispatcher holds the lease");
        }

        (await leases.TryAcquireLeaseAsync(sms.Name, "another-node", now, now.AddSeconds(30), default)).Should().BeTrue("the stopped host released it");
    }

    [Fact]
    public async Task A_run_goes_on_while_batches_are_full_and_stops_at_the_limit_with_a_warning()
    {
        var sweeper = new ScriptedSweeper(_ => new SweepResult(Examined: 10, 0, 0, 0, 0, 0, HasMore: true));
        using var seed = NewSeed(o => (o.Jobs, o.MaxBatchesPerRun, o.SweepBatchSize) = (BackgroundJobs.Sweeper, 3, 10), b => b.Services.AddSingleton<IGrievanceSweeper>(sweeper));

        await using (await StartAsync(seed))
        {
            await RunsFinishedAsync(seed, BackgroundJobs.Sweeper, 1);
            sweeper.BatchSizes.Should().Equal(10, 10, 10);
            var logs = seed.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
            logs.Single(r => r.Id.Id == RunFinished).GetStructuredStateValue("Items").Should().Be("30");
            var behind = logs.Should().ContainSingle(r => r.Id.Id == 1103).Subject;
            behind.Level.Should().Be(LogLevel.Warning);
            behind.GetStructuredStateValue("Job").Should().Be(nameof(BackgroundJobs.Sweeper));

            seed.Clock.Advance(TimeSpan.FromMinutes(1));
            await RunsFinishedAsync(seed, BackgroundJobs.Sweeper, 2);
            sweeper.BatchSizes.Should().HaveCount(6);
        }
    }

    [Fact]
    public async Task A_run_that_throws_is_logged_with_its_exception_counted_as_failed_and_the_job_runs_again_at_its_next_interval()
    {
        var sweeper = new ScriptedSweeper(call => call == 1
            ? throw new InvalidOperationException("the database is down")
            : new SweepResult(Examined: 1, 0, 0, 0, 0, 0, HasMore: false));
        using var seed = NewSeed(o => o.Jobs = BackgroundJobs.Sweeper, b => b.Services.AddSingleton<IGrievanceSweeper>(sweeper));
        using var runs = new MetricCollector<double>(seed.Services.GetRequiredService<IMeterFactory>(), GrievanceTelemetry.Name, GrievanceTelemetry.JobRunDuration);

        await using (await StartAsync(seed))
        {
            var failed = await LogAsync(seed, 1101);
            failed.Level.Should().Be(LogLevel.Error);
            failed.Exception.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("the database is down");
            failed.GetStructuredStateValue("Job").Should().Be(nameof(BackgroundJobs.Sweeper));

            seed.Clock.Advance(TimeSpan.FromMinutes(1));
            await RunsFinishedAsync(seed, BackgroundJobs.Sweeper, 1);
            sweeper.BatchSizes.Should().HaveCount(2);
            await WaitUntilAsync(() => runs.GetMeasurementSnapshot().Count == 2);
            runs.GetMeasurementSnapshot().Select(m => (m.Tags[GrievanceTelemetry.JobTag], m.Tags[GrievanceTelemetry.ResultTag]))
                .Should().Equal(("Sweeper", "failed"), ("Sweeper", "completed"));
        }
    }

    [Fact]
    public async Task Only_the_chosen_jobs_run_and_the_services_of_the_others_are_never_resolved()
    {
        using var seed = NewSeed(o => o.Jobs = BackgroundJobs.Sweeper | BackgroundJobs.Retention, b => b.Services.AddSingleton<IOutboxDispatcher>(_ => throw new InvalidOperationException("no outbox here")));

        await using (await StartAsync(seed))
        {
            await RunsFinishedAsync(seed, BackgroundJobs.Sweeper, 1);
            await RunsFinishedAsync(seed, BackgroundJobs.Retention, 1);
        }

        seed.Services.GetRequiredService<FakeLogCollector>().GetSnapshot().Should().NotContain(r => r.Id.Id == 1101);
    }

    [Fact]
    public async Task A_chosen_job_whose_service_cannot_be_made_fails_the_host_start()
    {
        using var seed = NewSeed(configure: null, b => b.Services.AddSingleton<IOutboxDispatcher>(_ => throw new InvalidOperationException("no outbox here")));

        var start = () => Service(seed).StartAsync(CancellationToken.None);

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("no outbox here");
    }

    [Fact]
    public async Task Stopping_the_host_ends_every_job_while_it_waits_for_its_next_interval()
    {
        using var seed = NewSeed(configure: null);
        var service = Service(seed);
        await service.StartAsync(CancellationToken.None);
        foreach (var job in new[] { BackgroundJobs.Sweeper, BackgroundJobs.OutboxDispatcher, BackgroundJobs.Retention })
        {
            await RunsFinishedAsync(seed, job, 1);
        }

        var stopping = service.StopAsync(CancellationToken.None);

        (await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(stopping);
        await stopping;
        service.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public void Invalid_options_are_reported_together_with_their_values()
    {
        using var seed = NewSeed(o => (o.SweepInterval, o.DispatchBatchSize, o.MaxBatchesPerRun, o.Jobs) = (TimeSpan.Zero, 0, 100_001, (BackgroundJobs)8));

        var read = () => seed.Services.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
            "Jobs: 8 names no known job; use a combination of Sweeper, OutboxDispatcher and Retention.",
            "SweepInterval: 00:00:00; it must be from 1 second to 7 days.",
            "DispatchBatchSize: 0; it must be from 1 to 100,000.",
            "MaxBatchesPerRun: 100001; it must be from 1 to 100,000.");
    }

    [Fact]
    public void The_options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GrievanceWorkflow:BackgroundJobs:Jobs"] = "Sweeper, Retention",
            ["GrievanceWorkflow:BackgroundJobs:SweepInterval"] = "00:05:00",
            ["GrievanceWorkflow:BackgroundJobs:MaxBatchesPerRun"] = "20",
        }).Build();
        using var seed = NewSeed(null, b => b.Services.Configure<BackgroundJobsOptions>(configuration.GetSection("GrievanceWorkflow:BackgroundJobs")));

        var options = seed.Services.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value;

        (options.Jobs, options.SweepInterval, options.MaxBatchesPerRun, options.DispatchInterval)
            .Should().Be((BackgroundJobs.Sweeper | BackgroundJobs.Retention, TimeSpan.FromMinutes(5), 20, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Adding_the_jobs_twice_registers_one_hosted_service_and_applies_both_configurations()
    {
        using var seed = NewSeed(o => o.SweepBatchSize = 50, b => b.AddBackgroundJobs(o => o.DispatchBatchSize = 60));

        seed.Services.GetServices<IHostedService>().Should().ContainSingle().Which.Should().BeOfType<GrievanceBackgroundService>();
        var options = seed.Services.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value;
        (options.SweepBatchSize, options.DispatchBatchSize, options.Jobs).Should().Be((50, 60, BackgroundJobs.All));
    }

    [Fact]
    public async Task In_a_generic_host_the_jobs_start_and_stop_with_it_and_bad_options_stop_its_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        builder.Services.AddGrievanceWorkflow().UseInMemoryStore().AddBackgroundJobs();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            foreach (var job in new[] { BackgroundJobs.Sweeper, BackgroundJobs.OutboxDispatcher, BackgroundJobs.Retention })
            {
                await RunsFinishedAsync(host.Services, job, 1);
            }

            await host.StopAsync();
        }

        var bad = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        bad.Services.AddGrievanceWorkflow().UseInMemoryStore().AddBackgroundJobs(o => o.DispatchInterval = TimeSpan.FromDays(8));
        using var badHost = bad.Build();

        var start = () => badHost.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("DispatchInterval: 8.00:00:00; it must be from 1 second to 7 days.");
    }

    private static Seed NewSeed(Action<BackgroundJobsOptions>? configure, Action<IGrievanceWorkflowBuilder>? build = null)
        => new(build: b =>
        {
            b.Services.AddMetrics().AddLogging(l => l.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
            b.AddBackgroundJobs(configure ?? (_ => { }));
            build?.Invoke(b);
        });

    private static GrievanceBackgroundService Service(Seed seed)
        => seed.Services.GetServices<IHostedService>().OfType<GrievanceBackgroundService>().Single();

    private static async Task<IAsyncDisposable> StartAsync(Seed seed)
    {
        var service = Service(seed);
        await service.StartAsync(CancellationToken.None);
        return new Stopper(service);
    }

    private static Task RunsFinishedAsync(Seed seed, BackgroundJobs job, int runs) => RunsFinishedAsync(seed.Services, job, runs);

    /// <summary>Waits until the job has finished <paramref name="runs"/> runs (bounded in real time; the fake clock does not move).</summary>
    private static async Task RunsFinishedAsync(IServiceProvider services, BackgroundJobs job, int runs)
    {
        var collector = services.GetRequiredService<FakeLogCollector>();
        int Finished() => collector.GetSnapshot().Count(r => r.Id.Id == RunFinished && r.GetStructuredStateValue("Job") == job.ToString());
        await WaitUntilAsync(() => Finished() >= runs);
        Finished().Should().Be(runs, $"{job} should have finished {runs} runs");
    }

    private static async Task<FakeLogRecord> LogAsync(Seed seed, int eventId)
    {
        var collector = seed.Services.GetRequiredService<FakeLogCollector>();
        await WaitUntilAsync(() => collector.GetSnapshot().Any(r => r.Id.Id == eventId));
        return collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == eventId).Subject;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition() && waited < 10_000; waited += 10)
        {
            await Task.Delay(10);
        }
    }

    private sealed class Stopper(GrievanceBackgroundService service) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await service.StopAsync(CancellationToken.None);
    }

    private sealed class CountingSubscriber : IGrievanceEventSubscriber
    {
        private int _count;

        public string Name => "sms";

        public int Count => Volatile.Read(ref _count);

        public ValueTask HandleAsync(GrievanceEvent grievanceEvent, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return default;
        }
    }

    private sealed class ScriptedSweeper(Func<int, SweepResult> answer) : IGrievanceSweeper
    {
        private readonly List<int> _batchSizes = new();

        public IReadOnlyList<int> BatchSizes
        {
            get
            {
                lock (_batchSizes)
                {
                    return _batchSizes.ToList();
                }
            }
        }

        public ValueTask<SweepResult> SweepAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
        {
            int call;
            lock (_batchSizes)
            {
                _batchSizes.Add(batchSize);
                call = _batchSizes.Count;
            }

            return new(answer(call));
        }
    }

    [Fact]
    public async Task Background_jobs_bind_their_options_from_configuration_and_bad_values_stop_the_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BackgroundJobs:Jobs"] = "Sweeper, Retention",
            ["BackgroundJobs:SweepInterval"] = "00:00:30",
            ["BackgroundJobs:SweepBatchSize"] = "250",
        });
        builder.Services.AddGrievanceWorkflow().UseInMemoryStore().AddBackgroundJobs(builder.Configuration.GetSection(BackgroundJobsOptions.SectionName));
        using (var host = builder.Build())
        {
            var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BackgroundJobsOptions>>().Value;
            options.Jobs.Should().Be(BackgroundJobs.Sweeper | BackgroundJobs.Retention);
            (options.SweepInterval, options.SweepBatchSize).Should().Be((TimeSpan.FromSeconds(30), 250));
        }

        var bad = Host.CreateApplicationBuilder();
        bad.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["BackgroundJobs:SweepBatchSize"] = "0" });
        bad.Services.AddGrievanceWorkflow().UseInMemoryStore().AddBackgroundJobs(bad.Configuration.GetSection(BackgroundJobsOptions.SectionName));
        using var badHost = bad.Build();

        var start = async () => await badHost.StartAsync();

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which.Message.Should().Contain("SweepBatchSize");
    }
}
