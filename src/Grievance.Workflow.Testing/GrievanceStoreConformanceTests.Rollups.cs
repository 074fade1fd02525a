using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Import;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

// Scorecards of any period — whole days, ragged ends, both — equal those added up grievance by grievance.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>
    /// A seeded random workload over four days (registrations, reports, every kind of feedback, rejections, transfers, withdrawals,
    /// escalations, sweeps that flag defaulters, commands one by one and in batches) leaves the store's scorecards equal, for every
    /// dimension, period and judging time, to the in-memory store's over the same grievances read back — which adds each one up from
    /// its snapshot. A store that keeps running totals (daily rollups) must keep them right through every kind of write.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Scorecards_of_whole_days_and_ragged_ends_equal_those_added_up_grievance_by_grievance()
    {
        var statistics = Assert.IsAssignableFrom<IGrievanceStatistics>(Store);
        var (workflow, clock, provider) = Engine(Store);
        await using (provider.ConfigureAwait(false))
        {
            var ids = await RunRandomWorkloadAsync(workflow, clock, provider.GetRequiredService<IGrievanceSweeper>(), seed: 2026);

            var reference = new InMemoryGrievanceStore();
            var records = new List<ImportedGrievance>();
            foreach (var id in ids)
            {
                records.Add(new ImportedGrievance { Grievance = (await Store.FindAsync(id, default))!, History = await Store.GetHistoryAsync(id, default) });
            }

            Assert.All(await ((IGrievanceImportStore)reference).ImportAsync(records, default), Assert.True);
            var midnight = new DateTimeOffset(Start.UtcDateTime.Date, TimeSpan.Zero);
            var ist = TimeSpan.FromHours(5.5);
            var periods = new (DateTimeOffset From, DateTimeOffset To)[]
            {
                (midnight.AddDays(-1), midnight.AddDays(6)), // whole days only
                (Start, Start.AddHours(20)), // inside two days, no whole one
                (Start.AddHours(3), midnight.AddDays(3).AddHours(7)), // ragged ends around two whole days
                (new DateTimeOffset(2026, 11, 2, 0, 0, 0, ist), new DateTimeOffset(2026, 11, 5, 0, 0, 0, ist)), // IST days
                (midnight.AddDays(1), midnight.AddDays(2)), // one whole day
            };
            var judged = new[] { Start, midnight.AddDays(2).AddHours(13), midnight.AddDays(4), clock.GetUtcNow().AddDays(30) };
            foreach (var (from, to) in periods)
            {
                foreach (var asOf in judged)
                {
                    foreach (var dimension in Enum.GetValues<ScorecardDimension>())
                    {
                        foreach (var median in new[] { true, false })
                        {
                            var query = new ScorecardQuery(dimension, from, to, asOf) { IncludeMedian = median };
                            var expected = await reference.GetScorecardsAsync(query, default);
                            var actual = await statistics.GetScorecardsAsync(query, default);
                            Assert.True(expected.SequenceEqual(actual), $"{dimension} from {from:O} to {to:O} as of {asOf:O} (median {median}): expected {string.Join("; ", expected)} but got {string.Join("; ", actual)}");
                        }
                    }
                }
            }

            // Flow reports: the same periods, and ones that start when much is pending.
            if (Store is IGrievanceFlowReports flows)
            {
                var flowPeriods = periods.Concat(new[] { (Start.AddHours(30), Start.AddDays(9)), (midnight.AddDays(2), midnight.AddDays(3)), (midnight.AddDays(3).AddHours(5), clock.GetUtcNow().AddDays(1)) });
                foreach (var (from, to) in flowPeriods)
                {
                    foreach (var dimension in Enum.GetValues<ScorecardDimension>())
                    {
                        var query = new FlowQuery(dimension, from, to);
                        var expected = await reference.GetFlowsAsync(query, default);
                        var actual = await flows.GetFlowsAsync(query, default);
                        Assert.True(expected.SequenceEqual(actual), $"flows by {dimension} from {from:O} to {to:O}: expected {string.Join("; ", expected)} but got {string.Join("; ", actual)}");
                    }
                }

                var later = await reference.GetFlowsAsync(new FlowQuery(ScorecardDimension.Department, Start.AddHours(30), Start.AddDays(9)), default);
                Assert.True(later.Sum(f => f.PendingAtStart) > 0 && later.Sum(f => f.Disposed) > 0 && later.Sum(f => f.Received) > 0);
            }

            // The workload is rich enough to mean something.
            var all = await reference.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Channel, midnight.AddDays(-1), midnight.AddDays(6), clock.GetUtcNow().AddDays(30)), default);
            Assert.True(
                all.Sum(c => c.Resolved) > 0 && all.Sum(c => c.Pending) > 0 && all.Sum(c => c.Reopened) > 0 && all.Sum(c => c.Transfers) > 0 && all.Sum(c => c.Defaulters) > 0,
                string.Join("; ", all));
            Assert.True(all.Sum(c => c.Received - c.DisposedWithinTime - c.Pending) > 0, "some closed grievance was breached");
        }
    }

    /// <summary>Registers grievances over four days and drives each at random with the kit's engine; returns their ids.</summary>
    private static async Task<List<GrievanceId>> RunRandomWorkloadAsync(IGrievanceWorkflow workflow, ManualClock clock, IGrievanceSweeper sweeper, int seed)
    {
        var random = new Random(seed);
        var ids = new List<GrievanceId>();
        var admin = Actor.Administrator("admin-1");
        string[] districts = ["Agra", "Lucknow", "Varanasi"];
        Channel[] channels = [Channel.Helpline1076, Channel.Web, Channel.DmPortal];
        for (var step = 0; step < 240; step++)
        {
            // After the registrations, a week passes: officer deadlines run out and the sweep flags defaulters.
            clock.Advance(step == 170 ? TimeSpan.FromDays(7) : TimeSpan.FromMinutes(random.Next(5, 40)));
            if (step < 160 && random.Next(3) == 0 || ids.Count < 5)
            {
                var registered = await workflow.RegisterAsync(new RegisterGrievance(
                    Agent, channels[random.Next(channels.Length)], new GrievanceCategory(random.Next(2) == 0 ? "electricity" : "revenue"),
                    new GrievanceLocation(districts[random.Next(districts.Length)]), new Complainant("c-" + step), "x"));
                ids.Add(registered.Grievance.Id);
                continue;
            }

            if (step == 170 || random.Next(12) == 0)
            {
                await sweeper.SweepAsync(clock.GetUtcNow(), 100);
                continue;
            }

            // A few commands at once, sometimes as one batch.
            var commands = new List<GrievanceCommand>();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                var g = await workflow.GetAsync(ids[random.Next(ids.Count)]);
                if (g.IsClosed)
                {
                    continue;
                }

                var officer = g.Officer is { } o ? Actor.Officer(o, g.Department!.Value, g.Level) : admin;
                commands.Add((g.Status, random.Next(10)) switch
                {
                    (GrievanceStatus.AwaitingFeedback, < 4) => new RecordFeedback(g.Id, Agent, FeedbackResponse.Satisfied),
                    (GrievanceStatus.AwaitingFeedback, < 8) => new RecordFeedback(g.Id, Agent, FeedbackResponse.Dissatisfied, "Still wrong."),
                    (GrievanceStatus.AwaitingFeedback, _) => new RecordFeedback(g.Id, Agent, FeedbackResponse.NotReachable),
                    (_, 0) => new RejectGrievance(g.Id, admin, "not-maintainable"),
                    (_, 1) => new TransferGrievance(g.Id, Agent, new DepartmentId(g.Department?.Value == "revenue" ? "uppcl" : "revenue"), "Wrong department."),
                    (_, 2) => new WithdrawGrievance(g.Id, admin),
                    (_, 3) => new EscalateGrievance(g.Id, admin, "Taking too long."),
                    _ => new ReportAction(g.Id, officer, "Done."),
                });
            }

            if (random.Next(2) == 0)
            {
                await workflow.ExecuteManyAsync(commands);
            }
            else
            {
                foreach (var command in commands)
                {
                    await workflow.TryExecuteAsync(command); // a refusal (not permitted now) changes nothing
                }
            }
        }

        return ids;
    }
}
