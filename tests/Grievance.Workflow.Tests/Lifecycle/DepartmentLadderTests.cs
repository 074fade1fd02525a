using FluentAssertions;
using Grievance.Workflow.Clocks;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Sweeping;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Tests.Lifecycle;

/// <summary>
/// Ladders per department (IGRS L1–L4, MP L1–L5 mapped per department): height, reopens, time limits and the breach rule, most
/// specific wins (department + category, department, global); the directory holds each department's levels; a transfer adopts the
/// new department's ladder.
/// </summary>
public sealed class DepartmentLadderTests
{
    private static readonly Actor RevenueL2 = Actor.Officer(new OfficerId("revenue-l2"), Seed.Revenue, 2);
    private static readonly Actor RevenueL3 = Actor.Officer(new OfficerId("revenue-l3"), Seed.Revenue, 3);

    // Global: 2 levels, 7 working days, one reopen at L1, defaulters flagged. Revenue: 3 levels, 10 days, escalates on a breach.
    // UPPCL: 3 days; electricity in UPPCL: 1 day at L1; no reopen at L1.
    private static Seed Desk(Action<GrievanceWorkflowOptions>? more = null) => new(o =>
    {
        o.Routing.CategoryDepartments["water"] = Seed.Uppcl.Value;
        o.Routing.Officers.Add(new OfficerAssignment { Department = Seed.Revenue.Value, Level = 2, Officer = "revenue-l2" });
        o.Routing.Officers.Add(new OfficerAssignment { Department = Seed.Revenue.Value, Level = 3, Officer = "revenue-l3" });
        var revenue = new DepartmentLadderOptions { Levels = 3, SlaDays = 10, OnBreach = BreachAction.EscalateToNextLevel };
        o.Departments[Seed.Revenue.Value] = revenue;
        var uppcl = new DepartmentLadderOptions { SlaDays = 3 };
        uppcl.ReopensPerLevel[1] = 0;
        var electricity = new LadderOptions();
        electricity.SlaDaysPerLevel[1] = 1;
        uppcl.Categories["electricity"] = electricity;
        o.Departments[Seed.Uppcl.Value] = uppcl;
        more?.Invoke(o);
    });

    [Fact]
    public async Task A_taller_departments_grievance_climbs_to_its_own_top_while_another_closes_at_the_global_one()
    {
        using var seed = Desk();
        var land = await seed.RegisterAsync("land");
        land = await seed.FeedbackAsync(await seed.ReportAsync(land, Seed.RevenueOfficer), FeedbackResponse.Dissatisfied); // L1's one reopen
        land = await seed.FeedbackAsync(await seed.ReportAsync(land, Seed.RevenueOfficer), FeedbackResponse.Dissatisfied); // up to L2
        land = await seed.FeedbackAsync(await seed.ReportAsync(land, RevenueL2), FeedbackResponse.Dissatisfied); // up to L3

        land.Should().BeEquivalentTo(new { Status = GrievanceStatus.PendingWithOfficer, Level = 3, Officer = (OfficerId?)new OfficerId("revenue-l3") });
        (await seed.FeedbackAsync(await seed.ReportAsync(land, RevenueL3), FeedbackResponse.Dissatisfied)).Outcome.Should().Be(GrievanceOutcome.ClosedAtFinalLevel);

        var bill = await seed.RegisterAsync();
        bill = await seed.FeedbackAsync(await seed.ReportAsync(bill), FeedbackResponse.Dissatisfied); // no reopen at L1 in UPPCL: up to L2
        bill.Level.Should().Be(2);
        (await seed.FeedbackAsync(await seed.ReportAsync(bill, Seed.OfficerL2), FeedbackResponse.Dissatisfied)).Outcome.Should().Be(GrievanceOutcome.ClosedAtFinalLevel);
    }

    [Fact]
    public async Task Time_limits_come_from_the_most_specific_rule_department_and_category_then_department_then_global()
    {
        using var seed = Desk();
        var calendar = seed.Services.GetRequiredService<IBusinessCalendar>();
        var now = seed.Clock.GetUtcNow();

        var electricity = await seed.RegisterAsync();
        var water = await seed.RegisterAsync("water");
        var land = await seed.RegisterAsync("land");

        electricity.DueAt.Should().Be(calendar.AddWorkingDays(now, 1).ToUniversalTime(), "UPPCL's electricity rule: 1 day at L1");
        water.DueAt.Should().Be(calendar.AddWorkingDays(now, 3).ToUniversalTime(), "UPPCL's rule: 3 days");
        land.DueAt.Should().Be(calendar.AddWorkingDays(now, 10).ToUniversalTime(), "Revenue's rule: 10 days");
        var options = seed.Services.GetRequiredService<IOptions<GrievanceWorkflowOptions>>().Value;
        options.LadderFor(Seed.Uppcl, "electricity").ToString().Should().Be("uppcl/electricity: 2 levels, time limits L1 1, L2 3 working days, reopens L1 0, L2 0, on breach FlagDefaulter");
        options.LadderFor(null, "stray-dogs").SlaDaysAt(1).Should().Be(7, "no department: the global ladder");
    }

    [Fact]
    public async Task The_breach_rule_is_the_departments_revenue_escalates_while_uppcl_flags_a_defaulter()
    {
        using var seed = Desk();
        var land = await seed.RegisterAsync("land");
        var water = await seed.RegisterAsync("water");
        seed.Clock.Advance(TimeSpan.FromDays(30));

        var sweep = await seed.Services.GetRequiredService<IGrievanceSweeper>().SweepAsync(seed.Clock.GetUtcNow(), 100);

        sweep.Should().BeEquivalentTo(new { Escalated = 1, FlaggedOverdue = 1 });
        (await seed.Workflow.GetAsync(land.Id)).Level.Should().Be(2);
        (await seed.Workflow.GetAsync(water.Id)).Should().BeEquivalentTo(new { Level = 1, IsOverdue = true });
    }

    [Fact]
    public async Task A_transfer_adopts_the_new_departments_ladder_its_time_limit_and_its_height()
    {
        using var seed = Desk();
        var g = await seed.RegisterAsync("water");

        var moved = (await seed.Workflow.ExecuteAsync(new TransferGrievance(g.Id, Seed.Admin, Seed.Revenue, "A land matter."))).Grievance;

        var calendar = seed.Services.GetRequiredService<IBusinessCalendar>();
        moved.DueAt.Should().Be(calendar.AddWorkingDays(seed.Clock.GetUtcNow(), 10).ToUniversalTime());
        moved = (await seed.Workflow.ExecuteAsync(new EscalateGrievance(g.Id, Seed.Admin, "By hand."))).Grievance;
        moved = (await seed.Workflow.ExecuteAsync(new EscalateGrievance(g.Id, Seed.Admin, "By hand, again."))).Grievance;
        moved.Level.Should().Be(3, "Revenue's ladder has three levels");
        (await seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.Admin)).Should().NotContain(GrievanceAction.Escalate, "L3 is Revenue's top");
    }

    [Fact]
    public void An_officer_above_their_departments_height_fails_the_start_naming_the_height()
    {
        var act = () => Desk(o => o.Routing.Officers.Add(new OfficerAssignment { Department = Seed.Uppcl.Value, Level = 3, Officer = "uppcl-l3" }));

        act.Should().Throw<OptionsValidationException>().WithMessage("*Routing.Officers[5] (uppcl): level 3 is not a level of the department's ladder (1 to 2).*");
    }

    [Fact]
    public void Bad_ladder_values_fail_the_start_each_named_with_its_value()
    {
        var act = () => Desk(o =>
        {
            o.Departments["police"] = new DepartmentLadderOptions { Levels = 11, SlaDays = 0 };
            o.Departments[Seed.Revenue.Value].ReopensPerLevel[4] = 1;
            o.Departments[Seed.Uppcl.Value].Categories["electricity"].SlaDaysPerLevel[2] = 400;
        });

        var messages = act.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
        messages.Should().Contain([
            "Departments[police].Levels: 11; it must be from 1 to 10.",
            "Departments[police].SlaDays: 0; it must be from 1 to 365.",
            "Departments[revenue].ReopensPerLevel: level 4 is not a level of the ladder (1 to 3).",
            "Departments[uppcl].Categories[electricity].SlaDaysPerLevel[2]: 400; it must be from 1 to 365.",
        ]);
    }
}
