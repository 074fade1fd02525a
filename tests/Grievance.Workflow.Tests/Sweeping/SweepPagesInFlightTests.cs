using FluentAssertions;
using Grievance.Workflow.Storage;
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
    public async Task A_sweep_decides_each_page_on_the_grievances_its_claim_read_and_reads_none_of_them_again()
    {
        var store = new CountingClaimStore(new InMemoryGrievanceStore());
        using var seed = new Seed(o => o.Sweep.PagesInFlight = 2, build: b => b.UseStore(_ => store));
        for (var i = 0; i < 1_500; i++)
        {
            await seed.RegisterAsync();
        }

        seed.Clock.Advance(TimeSpan.FromDays(9));
        var readsBefore = store.ReadsById;
        var sweeper = (GrievanceSweeper)seed.Services.GetRequiredService<IGrievanceSweeper>();

        var swept = await sweeper.SweepOnlyAsync(DueWorkKind.OfficerDeadline, seed.Clock.GetUtcNow(), 5_000);

        swept.FlaggedOverdue.Should().Be(1_500);
        store.GrievanceClaims.Should().BeGreaterThanOrEqualTo(2, "1,500 items are two pages of at most 1,000");
        (store.ReadsById - readsBefore).Should().Be(0, "each page's commands were decided on the grievances its claim returned");
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

    [Fact]
    public async Task A_page_that_fails_gives_up_its_claims_so_another_sweeper_takes_the_work_at_once()
    {
        using var seed = new Seed();
        for (var i = 0; i < 5; i++)
        {
            await seed.RegisterAsync();
        }

        seed.Clock.Advance(TimeSpan.FromDays(9));
        var now = seed.Clock.GetUtcNow();
        var claims = (IDueWorkClaims)seed.Services.GetRequiredService<IDueWorkQuery>();
        var failing = new GrievanceSweeper(new FailingFirstPage(seed.Workflow), seed.Services.GetRequiredService<IDueWorkQuery>(), seed.Services.GetRequiredService<IOptions<GrievanceWorkflowOptions>>());

        var sweep = async () => await failing.SweepAsync(now, 100);

        await sweep.Should().ThrowAsync<InvalidOperationException>();
        (await claims.ClaimDueAsync(DueWorkKind.OfficerDeadline, now, 100, null, "another-node", now.AddMinutes(2), default)).Should().HaveCount(5, "the failed page's claims were given up, not left to run out");
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
}
