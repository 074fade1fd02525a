using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Policies;

public sealed class LadderTests
{
    [Fact]
    public async Task A_four_level_ladder_with_one_reopen_per_level_climbs_to_L4_and_closes_there()
    {
        using var seed = new Seed(o =>
        {
            o.Levels = 4;
            o.Escalation.ReopensPerLevel[2] = 1;
            o.Escalation.ReopensPerLevel[3] = 1;
            o.Routing.Officers.Add(new OfficerAssignment { Department = Seed.Uppcl.Value, Level = 3, Officer = "uppcl-l3" });
            o.Routing.Officers.Add(new OfficerAssignment { Department = Seed.Uppcl.Value, Level = 4, Officer = "uppcl-l4" });
        });
        var g = await seed.RegisterAsync();
        var path = new List<(int Level, GrievanceStatus Status)>();

        while (!g.IsClosed)
        {
            var officer = Actor.Officer(g.Officer!.Value, Seed.Uppcl, g.Level);
            g = await seed.ReportAsync(g, officer);
            g = await seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);
            path.Add((g.Level, g.Status));
        }

        path.Should().Equal(
            (1, GrievanceStatus.PendingWithOfficer), (2, GrievanceStatus.PendingWithOfficer),
            (2, GrievanceStatus.PendingWithOfficer), (3, GrievanceStatus.PendingWithOfficer),
            (3, GrievanceStatus.PendingWithOfficer), (4, GrievanceStatus.PendingWithOfficer),
            (4, GrievanceStatus.Closed));
        g.Outcome.Should().Be(GrievanceOutcome.ClosedAtFinalLevel);
        g.ReopenCounts.Should().Equal(1, 1, 1);
        (await seed.Workflow.GetHistoryAsync(g.Id)).Where(e => e.ReasonCode == "escalated").Select(e => (e.FromLevel, e.ToLevel, e.Officer!.Value.Value))
            .Should().Equal((1, 2, "uppcl-l2"), (2, 3, "uppcl-l3"), (3, 4, "uppcl-l4"));
    }

    [Fact]
    public async Task A_single_level_desk_closes_at_the_final_level_after_its_reopens()
    {
        using var seed = new Seed(o =>
        {
            o.Levels = 1;
            var l2 = o.Routing.Officers.Single(a => a.Level == 2);
            o.Routing.Officers.Remove(l2);
        });
        var g = await seed.ReportAsync(await seed.RegisterAsync());

        g = await seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);
        g.Status.Should().Be(GrievanceStatus.PendingWithOfficer);
        g = await seed.FeedbackAsync(await seed.ReportAsync(g), FeedbackResponse.Dissatisfied);

        g.Outcome.Should().Be(GrievanceOutcome.ClosedAtFinalLevel);
    }

    [Fact]
    public async Task An_escalation_policy_that_skips_past_the_top_level_is_reported_as_a_defect_and_nothing_is_stored()
    {
        using var seed = new Seed(build: b => b.AddEscalationPolicy<ToLevelFivePolicy>());
        var g = await seed.ReportAsync(await seed.RegisterAsync());

        var act = async () => await seed.Workflow.ExecuteAsync(new RecordFeedback(g.Id, Seed.Agent, FeedbackResponse.Dissatisfied, "no"));

        (await act.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage($"The escalation policy ToLevelFivePolicy asked to move grievance {g.Id} from L1 to L5; it must go up, to at most L2.");
        (await seed.Workflow.GetAsync(g.Id)).Should().Be(g);
    }

    private sealed class ToLevelFivePolicy : IEscalationPolicy
    {
        public ValueTask<EscalationDecision> DecideAsync(EscalationRequest request, CancellationToken cancellationToken) => new(EscalationDecision.EscalateTo(5));
    }
}

public sealed class ReopenRuleTests
{
    [Fact]
    public async Task A_category_that_disallows_reopening_goes_straight_to_L2_on_the_first_dissatisfaction()
    {
        using var seed = new Seed(o => o.Escalation.Categories["electricity"] = new CategoryEscalationOptions { AllowReopen = false });
        var g = await seed.ReportAsync(await seed.RegisterAsync());
        var land = await seed.ReportAsync(await seed.RegisterAsync("land"), Seed.RevenueOfficer);

        g = await seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);
        land = await seed.FeedbackAsync(land, FeedbackResponse.Dissatisfied);

        g.Level.Should().Be(2);
        (await seed.Workflow.GetHistoryAsync(g.Id))[^1].ReasonCode.Should().Be(HistoryReasonCodes.EscalatedOnDissatisfaction);
        land.Level.Should().Be(1, "other categories keep the general rule");
        land.ReopensAt(1).Should().Be(1);
    }

    [Fact]
    public async Task A_category_can_allow_more_reopens_than_the_general_rule()
    {
        using var seed = new Seed(o =>
        {
            o.Escalation.Categories["electricity"] = new CategoryEscalationOptions();
            o.Escalation.Categories["electricity"].ReopensPerLevel[1] = 2;
        });
        var g = await seed.RegisterAsync();

        for (var round = 0; round < 3; round++)
        {
            g = await seed.FeedbackAsync(await seed.ReportAsync(g), FeedbackResponse.Dissatisfied);
        }

        g.ReopenCounts.Should().Equal(2);
        g.Level.Should().Be(2);
    }

    [Fact]
    public async Task Dissatisfaction_after_the_reopen_window_moves_up_instead_of_reopening()
    {
        using var seed = new Seed(o => o.Escalation.ReopenWindow = TimeSpan.FromDays(3));
        var inTime = await seed.ReportAsync(await seed.RegisterAsync());
        var late = await seed.ReportAsync(await seed.RegisterAsync());

        inTime = await seed.FeedbackAsync(inTime, FeedbackResponse.Dissatisfied);
        seed.Clock.Advance(TimeSpan.FromDays(3));
        late = (await seed.Workflow.ExecuteAsync(new RecordFeedback(late.Id, Seed.Agent, FeedbackResponse.Dissatisfied, "Nothing was done."))).Grievance;

        inTime.Level.Should().Be(1, "one day after the disposal is within the window");
        inTime.ReopensAt(1).Should().Be(1);
        late.Level.Should().Be(2, "four days after the disposal the window had closed");
        late.ReopensAt(1).Should().Be(0);
    }
}
