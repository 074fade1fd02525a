using FluentAssertions;
using Grievance.Workflow.Sweeping;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Tests.Sweeping;

/// <summary>A sweep that handles several pages of due work at once (<see cref="SweepOptions.PagesInFlight"/>).</summary>
public sealed class SweepPagesInFlightTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_sweep_of_several_pages_handles_each_due_item_once_and_counts_every_one(int pagesInFlight)
    {
        using var seed = new Seed(o => o.Sweep.PagesInFlight = pagesInFlight);
        var registered = new List<GrievanceId>();
        for (var i = 0; i < 2_300; i++)
        {
            registered.Add((await seed.RegisterAsync()).Id);
        }

        seed.Clock.Advance(TimeSpan.FromDays(9));
        var sweeper = (GrievanceSweeper)seed.Services.GetRequiredService<IGrievanceSweeper>();

        var swept = await sweeper.SweepOnlyAsync(DueWorkKind.OfficerDeadline, seed.Clock.GetUtcNow(), 5_000);
        var again = await sweeper.SweepOnlyAsync(DueWorkKind.OfficerDeadline, seed.Clock.GetUtcNow(), 5_000);

        swept.Should().Be(new SweepResult(Examined: 2_300, Escalated: 0, FlaggedOverdue: 2_300, ClosedNoFeedback: 0, FeedbackWindowsRearmed: 0, Skipped: 0, HasMore: false));
        again.Examined.Should().Be(0);
        foreach (var id in registered)
        {
            (await seed.Workflow.GetHistoryAsync(id)).Count(e => e.Action == GrievanceAction.SlaBreach).Should().Be(1);
        }
    }

    [Fact]
    public async Task A_page_that_fails_is_thrown_only_once_every_page_the_sweep_started_is_done_and_no_later_page_is_started()
    {
        using var seed = new Seed(o => o.Sweep.PagesInFlight = 2);
        for (var i = 0; i < 2_500; i++)
        {
            await seed.RegisterAsync();
        }

        seed.Clock.Advance(TimeSpan.FromDays(9));
        var workflow = new FailingFirstPage(seed.Workflow);
        var sweeper = new GrievanceSweeper(workflow, seed.Services.GetRequiredService<IDueWorkQuery>(), seed.Services.GetRequiredService<IOptions<GrievanceWorkflowOptions>>());

        var sweep = async () => await sweeper.SweepOnlyAsync(DueWorkKind.OfficerDeadline, seed.Clock.GetUtcNow(), 5_000);

        await sweep.Should().ThrowAsync<InvalidOperationException>().WithMessage("page 1 failed");
        (workflow.Started, workflow.Finished).Should().Be((2, 1), "the second page ran to its end before the failure surfaced, and the third never started");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void Pages_in_flight_outside_1_to_8_fail_the_options_naming_them(int pages)
    {
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow(o => o.Sweep.PagesInFlight = pages).UseInMemoryStore();
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IGrievanceWorkflow>();

        resolve.Should().Throw<OptionsValidationException>().WithMessage("*Sweep.PagesInFlight*");
    }

    /// <summary>The engine, but its first batch fails and its second takes a while, so the second is still running when the first fails.</summary>
    private sealed class FailingFirstPage(IGrievanceWorkflow inner) : IGrievanceWorkflow
    {
        private int _started;
        private int _finished;

        public int Started => _started;

        public int Finished => _finished;

        public async ValueTask<IReadOnlyList<WorkflowResult>> ExecuteManyAsync(IReadOnlyList<GrievanceCommand> commands, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _started) == 1)
            {
                throw new InvalidOperationException("page 1 failed");
            }

            await Task.Delay(100, cancellationToken);
            var results = await inner.ExecuteManyAsync(commands, cancellationToken);
            Interlocked.Increment(ref _finished);
            return results;
        }

        public ValueTask<CommandResult> RegisterAsync(RegisterGrievance command, CancellationToken cancellationToken = default) => inner.RegisterAsync(command, cancellationToken);

        public ValueTask<WorkflowResult> TryRegisterAsync(RegisterGrievance command, CancellationToken cancellationToken = default) => inner.TryRegisterAsync(command, cancellationToken);

        public ValueTask<CommandResult> ExecuteAsync(GrievanceCommand command, CancellationToken cancellationToken = default) => inner.ExecuteAsync(command, cancellationToken);

        public ValueTask<WorkflowResult> TryExecuteAsync(GrievanceCommand command, CancellationToken cancellationToken = default) => inner.TryExecuteAsync(command, cancellationToken);

        public ValueTask<GrievanceSnapshot> GetAsync(GrievanceId id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken = default) => inner.FindByReferenceAsync(referenceNumber, cancellationToken);

        public ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(id, cancellationToken);

        public ValueTask<Grievance.Workflow.Tracking.GrievanceTracking> TrackAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken = default) => inner.TrackAsync(referenceNumber, cancellationToken);

        public ValueTask<Grievance.Workflow.Tracking.GrievanceTracking> TrackForComplainantAsync(ReferenceNumber referenceNumber, Actor complainant, CancellationToken cancellationToken = default) => inner.TrackForComplainantAsync(referenceNumber, complainant, cancellationToken);

        public ValueTask<IReadOnlyList<GrievanceAction>> GetPermittedActionsAsync(GrievanceId id, Actor actor, CancellationToken cancellationToken = default) => inner.GetPermittedActionsAsync(id, actor, cancellationToken);
    }
}
