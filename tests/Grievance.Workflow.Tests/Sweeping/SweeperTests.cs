using FluentAssertions;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Sweeping;

public sealed class SweeperTests
{
    [Fact]
    public async Task By_default_a_breach_flags_the_grievance_as_a_defaulter_once_and_keeps_it_with_the_officer()
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();
        var sweeper = seed.Services.GetRequiredService<IGrievanceSweeper>();
        seed.Clock.Advance(TimeSpan.FromDays(7));

        (await sweeper.SweepAsync(seed.Clock.GetUtcNow(), 10)).Examined.Should().Be(0, "the deadline is 8 calendar days away");
        seed.Clock.Advance(TimeSpan.FromDays(1));
        var first = await sweeper.SweepAsync(seed.Clock.GetUtcNow(), 10);
        var second = await sweeper.SweepAsync(seed.Clock.GetUtcNow(), 10);

        first.Should().Be(new SweepResult(Examined: 1, Escalated: 0, FlaggedOverdue: 1, ClosedNoFeedback: 0, FeedbackWindowsRearmed: 0, Skipped: 0, HasMore: false));
        second.Examined.Should().Be(0, "a flagged defaulter is not flagged again");
        var flagged = await seed.Workflow.GetAsync(g.Id);
        flagged.Should().BeEquivalentTo(new { IsOverdue = true, Level = 1, Status = GrievanceStatus.PendingWithOfficer, Officer = (OfficerId?)Seed.UppclL1 });
        var entry = (await seed.Workflow.GetHistoryAsync(g.Id))[^1];
        entry.Should().BeEquivalentTo(new { Action = GrievanceAction.SlaBreach, ReasonCode = HistoryReasonCodes.FlaggedDefaulter, Actor = Actor.System, FromLevel = 1, ToLevel = 1 });

        var disposed = await seed.ReportAsync(flagged);
        disposed.IsOverdue.Should().BeFalse("disposal clears the current flag; the breach stays in the history");
    }

    [Fact]
    public async Task With_escalation_on_breach_a_late_L1_goes_to_L2_with_a_new_clock_and_a_late_L2_is_flagged()
    {
        using var seed = new Seed(o => o.Escalation.OnBreach = BreachAction.EscalateToNextLevel);
        var g = await seed.RegisterAsync();
        var sweeper = seed.Services.GetRequiredService<IGrievanceSweeper>();

        seed.Clock.Advance(TimeSpan.FromDays(8));
        var first = await sweeper.SweepAsync(seed.Clock.GetUtcNow(), 10);
        var atL2 = await seed.Workflow.GetAsync(g.Id);
        seed.Clock.Advance(TimeSpan.FromDays(8));
        var second = await sweeper.SweepAsync(seed.Clock.GetUtcNow(), 10);

        first.Escalated.Should().Be(1);
        atL2.Should().BeEquivalentTo(new { Level = 2, Officer = (OfficerId?)Seed.UppclL2, IsOverdue = false, DueAt = (DateTimeOffset?)Seed.Start.AddDays(8 + 8) });
        second.FlaggedOverdue.Should().Be(1, "L2 is the top of the ladder");
        var escalations = (await seed.Workflow.GetHistoryAsync(g.Id)).Escalations();
        escalations.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            FromLevel = 1,
            ToLevel = 2,
            Reason = EscalationReason.SlaBreach,
            OccurredAt = Seed.Start.AddDays(8),
            Actor = Actor.System,
        });
    }

    [Fact]
    public async Task An_administrator_escalates_by_hand_and_the_audit_trail_says_why_and_who()
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();

        var up = await seed.Workflow.ExecuteAsync(new EscalateGrievance(g.Id, Seed.Admin, "MLA's reference"));
        var beyond = await seed.Workflow.TryExecuteAsync(new EscalateGrievance(g.Id, Seed.Admin, "again"));

        up.Grievance.Should().BeEquivalentTo(new { Level = 2, Officer = (OfficerId?)Seed.UppclL2 });
        up.Entry.Should().BeEquivalentTo(new { ReasonCode = HistoryReasonCodes.EscalatedManually, Text = "MLA's reference", Actor = Seed.Admin });
        beyond.Error.Should().BeOfType<GrievanceActionNotAllowedException>().Which.Reason.Should().Be("a higher level exists is not met");
        (await seed.Workflow.GetHistoryAsync(g.Id)).Escalations().Single().Reason.Should().Be(EscalationReason.Manual);
    }

    [Fact]
    public async Task A_feedback_window_that_passes_closes_with_no_feedback_or_is_re_armed_when_the_policy_keeps_waiting()
    {
        using var closing = new Seed();
        using var waiting = new Seed(o => o.Feedback.CloseWhenUnreachable = false);
        var a = await closing.ReportAsync(await closing.RegisterAsync());
        var b = await waiting.ReportAsync(await waiting.RegisterAsync());
        a.FeedbackDueAt.Should().Be(Seed.Start.AddDays(2 + 7));

        closing.Clock.Advance(TimeSpan.FromDays(7));
        waiting.Clock.Advance(TimeSpan.FromDays(7));
        var closed = await closing.Services.GetRequiredService<IGrievanceSweeper>().SweepAsync(closing.Clock.GetUtcNow(), 10);
        var rearmed = await waiting.Services.GetRequiredService<IGrievanceSweeper>().SweepAsync(waiting.Clock.GetUtcNow(), 10);

        closed.ClosedNoFeedback.Should().Be(1);
        (await closing.Workflow.GetAsync(a.Id)).Should().BeEquivalentTo(new { Status = GrievanceStatus.Closed, Outcome = GrievanceOutcome.ClosedNoFeedback, FeedbackDueAt = (DateTimeOffset?)null });
        (await closing.Workflow.GetHistoryAsync(a.Id))[^1].ReasonCode.Should().Be(HistoryReasonCodes.FeedbackWindowClosed);
        rearmed.FeedbackWindowsRearmed.Should().Be(1);
        (await waiting.Workflow.GetAsync(b.Id)).Should().BeEquivalentTo(new { Status = GrievanceStatus.AwaitingFeedback, FeedbackDueAt = (DateTimeOffset?)Seed.Start.AddDays(2 + 7 + 7) });
    }

    [Fact]
    public async Task A_sweep_of_one_kind_handles_that_kind_only_and_leaves_the_other_due()
    {
        using var seed = new Seed();
        var late = await seed.RegisterAsync();
        var answered = await seed.ReportAsync(await seed.RegisterAsync());
        seed.Clock.Advance(TimeSpan.FromDays(9)); // past the officer's 8 days and the 7-day feedback window
        var sweeper = (GrievanceSweeper)seed.Services.GetRequiredService<IGrievanceSweeper>();
        var now = seed.Clock.GetUtcNow();

        var deadlines = await sweeper.SweepOnlyAsync(DueWorkKind.OfficerDeadline, now, 10);
        var windowStillDue = await seed.Workflow.GetAsync(answered.Id);
        var windows = await sweeper.SweepOnlyAsync(DueWorkKind.FeedbackWindow, now, 10);
        var nothingLeft = await sweeper.SweepAsync(now, 10);

        deadlines.Should().Be(new SweepResult(Examined: 1, Escalated: 0, FlaggedOverdue: 1, ClosedNoFeedback: 0, FeedbackWindowsRearmed: 0, Skipped: 0, HasMore: false));
        (await seed.Workflow.GetAsync(late.Id)).IsOverdue.Should().BeTrue();
        windowStillDue.Status.Should().Be(GrievanceStatus.AwaitingFeedback, "a deadline sweep leaves feedback windows alone");
        windows.Should().Be(new SweepResult(Examined: 1, Escalated: 0, FlaggedOverdue: 0, ClosedNoFeedback: 1, FeedbackWindowsRearmed: 0, Skipped: 0, HasMore: false));
        nothingLeft.Examined.Should().Be(0);
        await FluentActions.Awaiting(async () => await sweeper.SweepOnlyAsync((DueWorkKind)7, now, 10)).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("kind");
        await FluentActions.Awaiting(async () => await sweeper.SweepOnlyAsync(DueWorkKind.FeedbackWindow, now, 0)).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("batchSize");
    }

    [Fact]
    public async Task Two_sweepers_on_two_engines_over_one_store_escalate_each_breach_exactly_once()
    {
        var store = new InMemoryGrievanceStore();
        using var nodeA = new Seed(o => o.Escalation.OnBreach = BreachAction.EscalateToNextLevel, b => b.UseStore(_ => store));
        using var nodeB = new Seed(o => o.Escalation.OnBreach = BreachAction.EscalateToNextLevel, b => b.UseStore(_ => store));
        var ids = new List<GrievanceId>();
        for (var i = 0; i < 200; i++)
        {
            ids.Add((await nodeA.RegisterAsync()).Id);
        }

        var at = Seed.Start.AddDays(9);
        nodeA.Clock.SetUtcNow(at);
        nodeB.Clock.SetUtcNow(at);
        var sweepers = new[] { nodeA, nodeB }.Select(n => n.Services.GetRequiredService<IGrievanceSweeper>()).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () => await sweepers[i % 2].SweepAsync(at, 500))));

        results.Sum(r => r.Escalated).Should().Be(200);
        results.Sum(r => r.Escalated + r.Skipped).Should().Be(results.Sum(r => r.Examined));
        foreach (var id in ids)
        {
            var history = await store.GetHistoryAsync(id, default);
            history.Count(e => e.Action == GrievanceAction.SlaBreach).Should().Be(1);
            (await store.FindAsync(id, default))!.Level.Should().Be(2);
        }
    }

    [Fact]
    public async Task The_due_work_query_pages_by_due_time_then_id_without_gaps_or_repeats()
    {
        using var seed = new Seed();
        for (var i = 0; i < 25; i++)
        {
            await seed.RegisterAsync();
            seed.Clock.Advance(TimeSpan.FromMinutes(i % 3));
        }

        var query = seed.Services.GetRequiredService<IDueWorkQuery>();
        var pages = new List<DueWorkItem>();
        DueWorkItem? cursor = null;
        while (true)
        {
            var page = await query.FindDueAsync(DueWorkKind.OfficerDeadline, Seed.Start.AddDays(30), 7, cursor, default);
            pages.AddRange(page);
            if (page.Count < 7)
            {
                break;
            }

            cursor = page[^1];
        }

        pages.Should().HaveCount(25).And.OnlyHaveUniqueItems(p => p.GrievanceId);
        pages.Should().BeInAscendingOrder(p => p.DueAt).And.ThenBeInAscendingOrder(p => p.GrievanceId.Value);
    }
}
