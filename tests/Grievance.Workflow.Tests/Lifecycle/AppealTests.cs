using FluentAssertions;
using Grievance.Workflow.Events;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Tests.Lifecycle;

/// <summary>
/// Appeals after closure (CPGRAMS): the complainant appeals within a window against the outcomes the options list; the appellate
/// authority upholds the closure or allows the appeal, back to a named level with a fresh clock. Off by default.
/// </summary>
public sealed class AppealTests
{
    private static Seed Enabled(Action<GrievanceWorkflowOptions>? configure = null) => new(o =>
    {
        o.Appeals.Enabled = true;
        configure?.Invoke(o);
    });

    private static async Task<GrievanceSnapshot> ClosedAtFinalLevelAsync(Seed seed)
    {
        var g = await seed.FeedbackAsync(await seed.ReportAsync(await seed.RegisterAsync()), FeedbackResponse.Dissatisfied);
        g = await seed.FeedbackAsync(await seed.ReportAsync(g), FeedbackResponse.Dissatisfied);
        g = await seed.FeedbackAsync(await seed.ReportAsync(g, Seed.OfficerL2), FeedbackResponse.Dissatisfied);
        g.Outcome.Should().Be(GrievanceOutcome.ClosedAtFinalLevel);
        return g;
    }

    private static async Task<GrievanceSnapshot> ResolvedAsync(Seed seed, int rating)
    {
        var g = await seed.ReportAsync(await seed.RegisterAsync());
        seed.Clock.Advance(TimeSpan.FromDays(1));
        return (await seed.Workflow.ExecuteAsync(new RecordFeedback(g.Id, Seed.Agent, FeedbackResponse.Satisfied, rating: rating))).Grievance;
    }

    [Fact]
    public async Task Off_by_default_a_closure_stays_final_and_the_refusal_names_the_rule()
    {
        using var seed = new Seed();
        var g = await ClosedAtFinalLevelAsync(seed);

        var result = await seed.Workflow.TryExecuteAsync(new AppealGrievance(g.Id, Seed.Citizen, "The L2 officer never visited."));

        result.Error.Should().BeOfType<GrievanceActionNotAllowedException>().Which.Message.Should().Contain("appeals allowed against this outcome, within their window and number is not met");
        (await seed.Workflow.GetAsync(g.Id)).Should().Be(g);
    }

    [Fact]
    public async Task An_appeal_waits_with_the_appellate_officer_under_its_own_time_limit_and_is_not_finally_closed()
    {
        using var seed = Enabled();
        var g = await ClosedAtFinalLevelAsync(seed);
        seed.Clock.Advance(TimeSpan.FromDays(5));

        var done = await seed.Workflow.ExecuteAsync(new AppealGrievance(g.Id, Seed.Citizen, "The L2 officer never visited."));

        done.Grievance.Should().BeEquivalentTo(new
        {
            Status = GrievanceStatus.UnderAppeal, Outcome = GrievanceOutcome.None, AppealedOutcome = GrievanceOutcome.ClosedAtFinalLevel, AppealCount = 1,
            ClosedAt = (DateTimeOffset?)null, Officer = (OfficerId?)Seed.UppclL2, g.Level,
        });
        done.Grievance.DueAt.Should().BeAfter(seed.Clock.GetUtcNow().AddDays(30), "30 working days");
        done.Grievance.Tally.Appealed.Should().BeTrue();
        (await seed.EventsOfAsync(done.Entry)).Should().Equal(GrievanceEventType.Appealed);
        (await seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.OfficerL2)).Should().Equal(GrievanceAction.AddNote, GrievanceAction.UpholdClosure, GrievanceAction.AllowAppeal);
        (await seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.OfficerL1)).Should().Equal(GrievanceAction.AddNote);
    }

    [Fact]
    public async Task Upheld_it_is_closed_again_finally_with_the_outcome_it_had_and_a_second_appeal_is_refused()
    {
        using var seed = Enabled();
        var g = await ClosedAtFinalLevelAsync(seed);
        await seed.Workflow.ExecuteAsync(new AppealGrievance(g.Id, Seed.Citizen, "The L2 officer never visited."));
        seed.Clock.Advance(TimeSpan.FromDays(10));

        var done = await seed.Workflow.ExecuteAsync(new UpholdClosure(g.Id, Seed.OfficerL2, "Site inspection report on record."));

        done.Grievance.Should().BeEquivalentTo(new
        {
            Status = GrievanceStatus.Closed, Outcome = GrievanceOutcome.ClosedAtFinalLevel, AppealedOutcome = GrievanceOutcome.None,
            ClosedAt = (DateTimeOffset?)seed.Clock.GetUtcNow(), DueAt = (DateTimeOffset?)null,
        });
        done.Entry.Should().BeEquivalentTo(new { Action = GrievanceAction.UpholdClosure, ReasonCode = HistoryReasonCodes.AppealUpheld, Text = "Site inspection report on record." });
        (await seed.EventsOfAsync(done.Entry)).Should().Equal(GrievanceEventType.AppealUpheld, GrievanceEventType.Closed);
        var again = await seed.Workflow.TryExecuteAsync(new AppealGrievance(g.Id, Seed.Citizen, "Once more."));
        again.Error.Should().BeOfType<GrievanceActionNotAllowedException>("one appeal per grievance by default");
    }

    [Fact]
    public async Task Allowed_it_goes_back_to_the_named_level_with_a_fresh_clock_and_its_rejection_is_undone()
    {
        using var seed = Enabled();
        var g = await seed.RegisterAsync();
        g = (await seed.Workflow.ExecuteAsync(new RejectGrievance(g.Id, Seed.OfficerL1, "not-maintainable"))).Grievance;
        await seed.Workflow.ExecuteAsync(new AppealGrievance(g.Id, Seed.Citizen, "It is the utility's meter."));
        seed.Clock.Advance(TimeSpan.FromDays(3));

        var done = await seed.Workflow.ExecuteAsync(new AllowAppeal(g.Id, Seed.Admin, 2, "Maintainable: the XEN to act."));

        done.Grievance.Should().BeEquivalentTo(new
        {
            Status = GrievanceStatus.PendingWithOfficer, Outcome = GrievanceOutcome.None, Level = 2, Officer = (OfficerId?)Seed.UppclL2,
            RejectionReasonCode = (string?)null, AppealedOutcome = GrievanceOutcome.None, ClosedAt = (DateTimeOffset?)null,
        });
        done.Grievance.DueAt.Should().BeAfter(seed.Clock.GetUtcNow());
        done.Grievance.Tally.Should().BeEquivalentTo(new { Appealed = true, AppealAllowed = true, AppealUpheld = false, Escalated = false });
        (await seed.EventsOfAsync(done.Entry)).Should().Equal(GrievanceEventType.AppealAllowed);
        var resolved = await seed.FeedbackAsync(await seed.ReportAsync(done.Grievance, Seed.OfficerL2), FeedbackResponse.Satisfied);
        resolved.Outcome.Should().Be(GrievanceOutcome.Resolved);
    }

    [Fact]
    public async Task A_rejection_in_triage_allowed_on_appeal_goes_back_to_triage_to_be_routed()
    {
        using var seed = Enabled();
        var g = await seed.RegisterAsync("stray-dogs"); // no department routes it
        await seed.Workflow.ExecuteAsync(new RejectGrievance(g.Id, Seed.Admin, "not-a-grievance"));
        await seed.Workflow.ExecuteAsync(new AppealGrievance(g.Id, Seed.Agent, "Complainant says the dogs bit a child."));

        var done = await seed.Workflow.ExecuteAsync(new AllowAppeal(g.Id, Seed.Admin, 1, "Route it to the municipality."));

        done.Grievance.Should().BeEquivalentTo(new { Status = GrievanceStatus.Registered, Department = (DepartmentId?)null, DueAt = (DateTimeOffset?)null, Outcome = GrievanceOutcome.None });
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(4, false)]
    public async Task A_resolved_grievance_is_appealed_only_after_a_poor_rating(int rating, bool allowed)
    {
        using var seed = Enabled();
        var g = await ResolvedAsync(seed, rating);

        var result = await seed.Workflow.TryExecuteAsync(new AppealGrievance(g.Id, Seed.Citizen, "Closed without a proper fix."));

        result.Succeeded.Should().Be(allowed, result.Succeeded ? null : result.Error.Message);
        if (!allowed)
        {
            result.Error.Should().BeOfType<GrievanceActionNotAllowedException>().Which.Message.Should().Contain("a rating of at most 2, and it was rated 4");
            (await seed.Workflow.GetAsync(g.Id)).Should().Be(g);
        }
    }

    [Fact]
    public async Task The_permitted_actions_offer_an_appeal_only_after_a_poor_rating_and_the_complainant_reads_the_reasons_it_was_upheld()
    {
        using var seed = Enabled();
        var well = await ResolvedAsync(seed, rating: 5);
        var poorly = await ResolvedAsync(seed, rating: 1);

        (await seed.Workflow.GetPermittedActionsAsync(well.Id, Seed.Citizen)).Should().NotContain(GrievanceAction.Appeal);
        (await seed.Workflow.GetPermittedActionsAsync(poorly.Id, Seed.Citizen)).Should().Contain(GrievanceAction.Appeal);
        await seed.Workflow.ExecuteAsync(new AppealGrievance(poorly.Id, Seed.Citizen, "Closed without a proper fix."));
        await seed.Workflow.ExecuteAsync(new UpholdClosure(poorly.Id, Seed.OfficerL2, "The bill was corrected on 3 November."));

        var view = await seed.Workflow.TrackForComplainantAsync(poorly.ReferenceNumber, Seed.Citizen);

        view.Steps.Select(s => s.Text).Should().Contain(["Closed without a proper fix.", "The bill was corrected on 3 November."]);
        (await seed.Workflow.TrackAsync(poorly.ReferenceNumber)).Steps.Should().OnlyContain(s => s.Text == null, "the anonymous view shows no text");
    }

    [Fact]
    public async Task After_the_window_or_against_an_outcome_not_listed_the_appeal_is_refused()
    {
        using var seed = Enabled(o => o.Appeals.Window = TimeSpan.FromDays(30));
        var late = await ClosedAtFinalLevelAsync(seed);
        var withdrawn = (await seed.Workflow.ExecuteAsync(new WithdrawGrievance((await seed.RegisterAsync()).Id, Seed.Citizen))).Grievance;
        seed.Clock.Advance(TimeSpan.FromDays(31));

        (await seed.Workflow.TryExecuteAsync(new AppealGrievance(late.Id, Seed.Citizen, "Late."))).Error.Should().BeOfType<GrievanceActionNotAllowedException>();
        (await seed.Workflow.TryExecuteAsync(new AppealGrievance(withdrawn.Id, Seed.Citizen, "Withdrawn."))).Error.Should().BeOfType<GrievanceActionNotAllowedException>();
    }

    [Fact]
    public async Task An_allowed_appeal_names_a_level_of_the_ladder()
    {
        using var seed = Enabled();
        var g = await ClosedAtFinalLevelAsync(seed);
        await seed.Workflow.ExecuteAsync(new AppealGrievance(g.Id, Seed.Citizen, "Never visited."));

        var result = await seed.Workflow.TryExecuteAsync(new AllowAppeal(g.Id, Seed.Admin, 3, "To L3."));

        result.Error.Should().BeOfType<GrievanceActionNotAllowedException>().Which.Message.Should().Contain("level 3 is above the ladder's 2");
    }

    [Fact]
    public async Task Scorecards_count_appealed_upheld_and_allowed_grievances_and_the_appeal_rate()
    {
        using var seed = Enabled();
        var upheld = await ClosedAtFinalLevelAsync(seed);
        var allowed = (await seed.Workflow.ExecuteAsync(new RejectGrievance((await seed.RegisterAsync()).Id, Seed.OfficerL1, "not-maintainable"))).Grievance;
        await seed.RegisterAsync();
        await seed.Workflow.ExecuteAsync(new AppealGrievance(upheld.Id, Seed.Citizen, "Never visited."));
        await seed.Workflow.ExecuteAsync(new UpholdClosure(upheld.Id, Seed.OfficerL2, "Inspected."));
        await seed.Workflow.ExecuteAsync(new AppealGrievance(allowed.Id, Seed.Citizen, "Maintainable."));
        await seed.Workflow.ExecuteAsync(new AllowAppeal(allowed.Id, Seed.OfficerL2, 1, "Act on it."));

        var now = seed.Clock.GetUtcNow();
        var card = (await seed.Services.GetRequiredService<IGrievanceStatistics>().GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Department, Seed.Start, now.AddTicks(1), now), default)).Single();

        card.Should().BeEquivalentTo(new { Received = 3L, Appealed = 2L, AppealsUpheld = 1L, AppealsAllowed = 1L, ClosedAtFinalLevel = 1L, Pending = 2L });
        card.AppealRate.Should().BeApproximately(2 / 3.0, 1e-9);
    }

    [Fact]
    public void Outcomes_that_cannot_be_appealed_or_an_appellate_level_off_the_ladder_fail_the_options_naming_them()
    {
        FluentActions.Invoking(() => new Seed(o => o.Appeals.Outcomes.Add(GrievanceOutcome.Withdrawn)))
            .Should().Throw<OptionsValidationException>().WithMessage("*Appeals.Outcomes*");
        FluentActions.Invoking(() => new Seed(o => o.Appeals.AppellateLevel = 3))
            .Should().Throw<OptionsValidationException>().WithMessage("*Appeals.AppellateLevel: level 3 is not a level of the ladder*");
        FluentActions.Invoking(() => new Seed(o => o.Appeals.Window = TimeSpan.FromMinutes(10)))
            .Should().Throw<OptionsValidationException>().WithMessage("*Appeals.Window*");
    }
}
