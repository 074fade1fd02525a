using FluentAssertions;
using Grievance.Workflow.Events;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Sweeping;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Tests.Lifecycle;

/// <summary>
/// Special closures (MP CM Helpline 181): the holding officer proposes closing a grievance that cannot be redressed, with a reason
/// code; an officer at the approving level accepts (closed, never resolved) or rejects (back to the proposer). Off by default.
/// </summary>
public sealed class SpecialClosureTests
{
    private const string Remarks = "A writ petition on this land is pending before the High Court.";

    private static Seed Enabled(int levels = 2, int approverLevel = 2)
        => new(o => (o.SpecialClosure.Enabled, o.Levels, o.SpecialClosure.ApproverLevel) = (true, levels, approverLevel));

    [Fact]
    public async Task Off_by_default_a_proposal_is_refused_naming_the_rule_and_nothing_is_stored()
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();

        var result = await seed.Workflow.TryExecuteAsync(new ProposeSpecialClosure(g.Id, Seed.OfficerL1, "sub-judice", Remarks));

        result.Error.Should().BeOfType<GrievanceActionNotAllowedException>().Which.Message.Should().Contain("special closures allowed is not met");
        (await seed.Workflow.GetAsync(g.Id)).Should().Be(g);
    }

    [Fact]
    public async Task A_proposal_waits_for_a_higher_level_with_its_reason_code_and_the_deadline_it_had_while_no_timer_acts_on_it()
    {
        using var seed = Enabled();
        var g = await seed.RegisterAsync();

        var done = await seed.Workflow.ExecuteAsync(new ProposeSpecialClosure(g.Id, Seed.OfficerL1, "sub-judice", Remarks));

        done.Grievance.Should().BeEquivalentTo(new { Status = GrievanceStatus.AwaitingSpecialClosure, SpecialClosureReasonCode = "sub-judice", g.DueAt, g.Level, g.Officer });
        done.Entry.Should().BeEquivalentTo(new { Action = GrievanceAction.ProposeSpecialClosure, ReasonCode = "sub-judice", Text = Remarks, ToStatus = GrievanceStatus.AwaitingSpecialClosure });
        (await seed.EventsOfAsync(done.Entry)).Should().Equal(GrievanceEventType.SpecialClosureProposed);

        seed.Clock.Advance(TimeSpan.FromDays(30));
        var sweep = await seed.Services.GetRequiredService<IGrievanceSweeper>().SweepAsync(seed.Clock.GetUtcNow(), 100);
        sweep.FlaggedOverdue.Should().Be(0, "no officer's clock is swept while a higher level decides");
        (await seed.Workflow.GetAsync(g.Id)).Should().Be(done.Grievance);
    }

    [Fact]
    public async Task Accepted_it_is_closed_as_a_special_closure_never_resolved_and_the_complainant_is_told_before_the_closure()
    {
        using var seed = Enabled();
        var g = await seed.RegisterAsync();
        await seed.Workflow.ExecuteAsync(new ProposeSpecialClosure(g.Id, Seed.OfficerL1, "sub-judice", Remarks));

        var done = await seed.Workflow.ExecuteAsync(new AcceptSpecialClosure(g.Id, Seed.OfficerL2, "Agreed: sub judice."));

        done.Grievance.Should().BeEquivalentTo(new
        {
            Status = GrievanceStatus.Closed, Outcome = GrievanceOutcome.SpecialClosed, SpecialClosureReasonCode = "sub-judice", DueAt = (DateTimeOffset?)null,
            ClosedAt = (DateTimeOffset?)seed.Clock.GetUtcNow(),
        });
        done.Entry.Should().BeEquivalentTo(new { Action = GrievanceAction.AcceptSpecialClosure, ReasonCode = "sub-judice", Text = "Agreed: sub judice." });
        (await seed.EventsOfAsync(done.Entry)).Should().Equal(GrievanceEventType.SpecialClosureAccepted, GrievanceEventType.Closed);
        (await seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.Admin)).Should().BeEmpty("a special closure is final");

        var now = seed.Clock.GetUtcNow();
        var card = (await seed.Services.GetRequiredService<IGrievanceStatistics>().GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Department, Seed.Start, now.AddTicks(1), now), default)).Single();
        card.Should().BeEquivalentTo(new { Received = 1L, Disposed = 1L, SpecialClosed = 1L, Resolved = 0L });
        card.CountOf(GrievanceOutcome.SpecialClosed).Should().Be(1);
        card.ResolutionRate.Should().Be(0);
    }

    [Fact]
    public async Task Rejected_it_goes_back_to_the_proposer_with_the_remarks_and_the_deadline_it_had_which_the_sweeper_then_enforces()
    {
        using var seed = Enabled();
        var g = await seed.RegisterAsync();
        await seed.Workflow.ExecuteAsync(new ProposeSpecialClosure(g.Id, Seed.OfficerL1, "policy-matter", Remarks));
        seed.Clock.Advance(TimeSpan.FromDays(30));

        var done = await seed.Workflow.ExecuteAsync(new RejectSpecialClosure(g.Id, Seed.OfficerL2, "Not a policy matter: restore the supply."));

        done.Grievance.Should().BeEquivalentTo(new { Status = GrievanceStatus.PendingWithOfficer, SpecialClosureReasonCode = (string?)null, g.DueAt, g.Level, g.Officer, IsOverdue = false });
        done.Entry.Should().BeEquivalentTo(new { Action = GrievanceAction.RejectSpecialClosure, ReasonCode = HistoryReasonCodes.SpecialClosureRejected, Text = "Not a policy matter: restore the supply." });
        (await seed.EventsOfAsync(done.Entry)).Should().Equal(GrievanceEventType.SpecialClosureRejected);

        var sweep = await seed.Services.GetRequiredService<IGrievanceSweeper>().SweepAsync(seed.Clock.GetUtcNow(), 100);
        sweep.FlaggedOverdue.Should().Be(1, "the deadline passed while the proposal waited");
        (await seed.Workflow.GetAsync(g.Id)).IsOverdue.Should().BeTrue();
    }

    [Fact]
    public async Task A_reason_code_the_options_do_not_list_is_refused_naming_the_ones_they_do()
    {
        using var seed = Enabled();
        var g = await seed.RegisterAsync();

        var result = await seed.Workflow.TryExecuteAsync(new ProposeSpecialClosure(g.Id, Seed.OfficerL1, "too-hard", Remarks));

        var error = result.Error.Should().BeOfType<GrievanceActionNotAllowedException>().Subject;
        error.Message.Should().Contain("'too-hard' is not a special-closure reason code").And.Contain("outside-jurisdiction, policy-matter, sub-judice");
        (await seed.Workflow.GetAsync(g.Id)).Should().Be(g);
    }

    [Fact]
    public async Task Only_an_officer_at_the_approving_level_and_above_the_grievance_decides_and_the_permitted_actions_say_so()
    {
        using var seed = Enabled(levels: 3, approverLevel: 3);
        var g = await seed.RegisterAsync();
        await seed.Workflow.ExecuteAsync(new ProposeSpecialClosure(g.Id, Seed.OfficerL1, "outside-jurisdiction", Remarks));
        var l3 = Actor.Officer(new OfficerId("uppcl-l3"), Seed.Uppcl, 3);

        (await seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.OfficerL2)).Should().NotContain([GrievanceAction.AcceptSpecialClosure, GrievanceAction.RejectSpecialClosure]);
        (await seed.Workflow.GetPermittedActionsAsync(g.Id, l3)).Should().Contain([GrievanceAction.AcceptSpecialClosure, GrievanceAction.RejectSpecialClosure]);
        var byL2 = await seed.Workflow.TryExecuteAsync(new AcceptSpecialClosure(g.Id, Seed.OfficerL2));
        byL2.Error.Should().BeOfType<GrievanceAuthorizationException>().Which.Message.Should().Contain("at level 3 or above");

        (await seed.Workflow.ExecuteAsync(new AcceptSpecialClosure(g.Id, l3))).Grievance.Outcome.Should().Be(GrievanceOutcome.SpecialClosed);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 2)]
    public void An_approving_level_outside_two_to_the_ladders_height_fails_the_options_naming_it(int approverLevel, int levels)
    {
        var act = () => Resolve(o => (o.Levels, o.SpecialClosure.ApproverLevel) = (levels, approverLevel));

        act.Should().Throw<OptionsValidationException>().WithMessage("*SpecialClosure.ApproverLevel*");
    }

    [Fact]
    public void An_approving_level_only_a_departments_taller_ladder_has_is_valid()
    {
        var act = () => Resolve(o =>
        {
            o.SpecialClosure.ApproverLevel = 3;
            o.Departments["revenue"] = new Escalation.DepartmentLadderOptions { Levels = 3 };
        });

        act.Should().NotThrow();
    }

    [Fact]
    public void No_reason_codes_or_a_blank_one_fails_the_options_naming_them()
    {
        FluentActions.Invoking(() => Resolve(o => o.SpecialClosure.ReasonCodes.Clear()))
            .Should().Throw<OptionsValidationException>().WithMessage("*SpecialClosure.ReasonCodes: empty*");
        FluentActions.Invoking(() => Resolve(o => o.SpecialClosure.ReasonCodes.Add(" ")))
            .Should().Throw<OptionsValidationException>().WithMessage("*SpecialClosure.ReasonCodes: ' ' is not a valid reason code*");
    }

    private static void Resolve(Action<GrievanceWorkflowOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow(configure).UseInMemoryStore();
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IGrievanceWorkflow>();
    }
}
