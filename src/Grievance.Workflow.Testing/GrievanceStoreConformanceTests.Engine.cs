using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Sweeping;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

// The real engine on the store: the seed lifecycles and concurrent sweepers.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>The seed's four stories run end to end through the real engine on the store, with idempotent replay.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task The_seed_lifecycles_run_through_the_engine_on_the_store()
    {
        var (workflow, clock, provider) = Engine(Store);
        await using (provider.ConfigureAwait(false))
        {
            var stories = new[]
            {
                (Feedback: new[] { FeedbackResponse.Satisfied }, Outcome: GrievanceOutcome.Resolved, Version: 3L),
                (Feedback: new[] { FeedbackResponse.Dissatisfied, FeedbackResponse.Satisfied }, Outcome: GrievanceOutcome.Resolved, Version: 5L),
                (Feedback: new[] { FeedbackResponse.Dissatisfied, FeedbackResponse.Dissatisfied, FeedbackResponse.Satisfied }, Outcome: GrievanceOutcome.Resolved, Version: 7L),
                (Feedback: new[] { FeedbackResponse.Dissatisfied, FeedbackResponse.Dissatisfied, FeedbackResponse.Dissatisfied }, Outcome: GrievanceOutcome.ClosedAtFinalLevel, Version: 7L),
            };
            foreach (var story in stories)
            {
                var register = new RegisterGrievance(Agent, Channel.Helpline1076, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"),
                    new Complainant("citizen-42", new ContactDetails("राम प्रसाद", "+91-9800000042")), "बिजली का बिल गलत है।") { CommandId = new CommandId($"ivr-{Guid.NewGuid():N}") };
                var g = (await workflow.RegisterAsync(register)).Grievance;
                Assert.True((await workflow.RegisterAsync(register)).IsReplay);
                foreach (var response in story.Feedback)
                {
                    clock.Advance(TimeSpan.FromDays(1));
                    var officer = g.Level == 1 ? OfficerL1 : OfficerL2;
                    g = (await workflow.ExecuteAsync(new ReportAction(g.Id, officer, $"Action at L{g.Level}.") { CommandId = new CommandId($"r-{g.Id}-{g.Version}") })).Grievance;
                    g = (await workflow.ExecuteAsync(new RecordFeedback(g.Id, Agent, response, response == FeedbackResponse.Dissatisfied ? "Still wrong." : null))).Grievance;
                }

                Assert.Equal(story.Outcome, g.Outcome);
                Assert.Equal(story.Version, g.Version);
                Assert.Equal(g, await Store.FindAsync(g.Id, default));
                var history = await workflow.GetHistoryAsync(g.Id);
                Assert.Equal(Enumerable.Range(1, (int)g.Version).Select(i => (long)i), history.Select(e => e.Sequence));
                Assert.True(history.Zip(history.Skip(1)).All(p => p.Second.FromStatus == p.First.ToStatus));
                Assert.Equal("राम प्रसाद", (await Store.GetContactDetailsAsync(g.Id, default))!.Name);
            }
        }
    }

    /// <summary>Two engines sweeping the same store at once act on each breach exactly once.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Two_engines_sweeping_one_store_escalate_each_breach_once()
    {
        var (a, clockA, providerA) = Engine(Store, escalateOnBreach: true);
        var (_, clockB, providerB) = Engine(Store, escalateOnBreach: true);
        await using (providerA.ConfigureAwait(false))
        await using (providerB.ConfigureAwait(false))
        {
            var ids = new List<GrievanceId>();
            for (var i = 0; i < 40; i++)
            {
                ids.Add((await a.RegisterAsync(new RegisterGrievance(Agent, Channel.Web, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"), new Complainant("c"), "x"))).Grievance.Id);
            }

            clockA.Advance(TimeSpan.FromDays(10));
            clockB.Advance(TimeSpan.FromDays(10));
            var sweepers = new[] { providerA.GetRequiredService<IGrievanceSweeper>(), providerB.GetRequiredService<IGrievanceSweeper>() };
            var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () => await sweepers[i % 2].SweepAsync(clockA.GetUtcNow(), 100))));

            Assert.Equal(40, results.Sum(r => r.Escalated));
            if (Store is IDueWorkClaims)
            {
                // Claimed work is shared out: no breach is read by two sweepers, so none is skipped.
                Assert.Equal((40, 0), (results.Sum(r => r.Examined), results.Sum(r => r.Skipped)));
            }

            foreach (var id in ids)
            {
                Assert.Single(await Store.GetHistoryAsync(id, default), e => e.Action == GrievanceAction.SlaBreach);
            }
        }
    }
}
