using System;
using System.Threading.Tasks;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

// Ladders per department through the real engine on the store.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>
    /// A grievance of a department whose ladder is taller than the global one climbs to its own top level on breaches (the
    /// department's breach rule) and reads back there, with the department's time limit of each level; at its top a breach flags it.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_grievance_climbs_its_departments_taller_ladder_on_breaches_and_reads_back_at_its_top_with_its_time_limits()
    {
        var (workflow, clock, provider) = Engine(Store, build: b => b.Configure(o =>
        {
            var revenue = new DepartmentLadderOptions { Levels = 3, OnBreach = BreachAction.EscalateToNextLevel };
            revenue.SlaDaysPerLevel[1] = 2;
            revenue.SlaDaysPerLevel[3] = 20;
            o.Departments["revenue"] = revenue;
            o.Routing.Officers.Add(new OfficerAssignment { Department = "revenue", Level = 3, Officer = "revenue-l3" });
        }));
        await using (provider.ConfigureAwait(false))
        {
            var register = new RegisterGrievance(Agent, Channel.Helpline1076, new GrievanceCategory("revenue"), new GrievanceLocation("Prayagraj"), new Complainant("citizen-42"), "Mutation pending.");
            var g = (await workflow.RegisterAsync(register)).Grievance;
            var sweeper = provider.GetRequiredService<Sweeping.IGrievanceSweeper>();
            for (var level = 2; level <= 3; level++)
            {
                clock.Advance(TimeSpan.FromDays(15));
                await sweeper.SweepAsync(clock.GetUtcNow(), 10);
            }

            var atTop = await Store.FindAsync(g.Id, default);
            Assert.Equal((3, "revenue-l3", false), (atTop!.Level, atTop.Officer?.Value, atTop.IsOverdue));
            clock.Advance(TimeSpan.FromDays(15));
            await sweeper.SweepAsync(clock.GetUtcNow(), 10);
            Assert.False((await Store.FindAsync(g.Id, default))!.IsOverdue, "twenty working days at L3");
            clock.Advance(TimeSpan.FromDays(15));
            await sweeper.SweepAsync(clock.GetUtcNow(), 10);
            var stored = await Store.FindAsync(g.Id, default);

            Assert.Equal((3, true), (stored!.Level, stored.IsOverdue)); // at its top: flagged, never beyond
            Assert.True(g.DueAt < g.RegisteredAt.AddDays(5), "two working days at L1");
        }
    }
}
