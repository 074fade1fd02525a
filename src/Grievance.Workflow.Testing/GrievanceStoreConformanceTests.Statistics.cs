using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

// Scorecards and anonymization against hand-computed figures.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>
    /// Scorecards per department, district, officer and channel equal figures computed by hand from a known set of eight lifecycles
    /// run through the engine (resolved, reopened, escalated and closed at the final level, unreachable, rejected, transferred and
    /// withdrawn, breached); non-resolved outcomes are never counted as resolved, and grievances outside the period are left out.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Scorecards_equal_hand_computed_figures_for_a_known_data_set()
    {
        var statistics = Assert.IsAssignableFrom<IGrievanceStatistics>(Store);
        var (workflow, clock, provider) = Engine(Store);
        await using (provider.ConfigureAwait(false))
        {
            await RunKnownDataSetAsync(workflow, clock, provider.GetRequiredService<IGrievanceSweeper>());
            var late = Start.AddDays(30);

            var departments = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Department, Start, Start.AddHours(1), late), default);
            Assert.Equal(
                new[]
                {
                    new GrievanceScorecard
                    {
                        Key = "revenue", Received = 4, Pending = 1, Defaulters = 1, Resolved = 1, Rejected = 1, Withdrawn = 1, DisposedWithinTime = 2,
                        TotalDisposalSeconds = 86_160 + 172_500 + 1_209_180, MedianDisposalSeconds = 172_500, SatisfiedFeedback = 1, Transfers = 1,
                    },
                    new GrievanceScorecard
                    {
                        Key = "uppcl", Received = 4, Resolved = 2, ClosedAtFinalLevel = 1, ClosedNoFeedback = 1, DisposedWithinTime = 4,
                        TotalDisposalSeconds = 172_800 + 345_540 + 518_280 + 345_240, MedianDisposalSeconds = (345_240 + 345_540) / 2.0,
                        SatisfiedFeedback = 2, DissatisfiedFeedback = 4, DissatisfiedGrievances = 2, Redisposed = 2, Reopened = 2, Escalated = 1,
                    },
                },
                departments);

            var districts = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.District, Start, Start.AddHours(1), late), default);
            Assert.Equal(
                new[]
                {
                    new GrievanceScorecard
                    {
                        Key = "Agra", Received = 4, Pending = 1, Defaulters = 1, Resolved = 1, ClosedAtFinalLevel = 1, Rejected = 1, DisposedWithinTime = 2,
                        TotalDisposalSeconds = 518_280 + 86_160 + 1_209_180, MedianDisposalSeconds = 518_280, SatisfiedFeedback = 1, DissatisfiedFeedback = 3,
                        DissatisfiedGrievances = 1, Redisposed = 1, Reopened = 1, Escalated = 1,
                    },
                    new GrievanceScorecard
                    {
                        Key = "Lucknow", Received = 4, Resolved = 2, ClosedNoFeedback = 1, Withdrawn = 1, DisposedWithinTime = 4,
                        TotalDisposalSeconds = 172_800 + 345_540 + 172_500 + 345_240, MedianDisposalSeconds = (172_800 + 345_240) / 2.0,
                        SatisfiedFeedback = 2, DissatisfiedFeedback = 1, DissatisfiedGrievances = 1, Redisposed = 1, Reopened = 1, Transfers = 1,
                    },
                },
                districts);

            var channels = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Channel, Start, Start.AddHours(1), late), default);
            Assert.Equal(
                new[]
                {
                    new GrievanceScorecard { Key = "dm-portal", Received = 1, Pending = 1, Defaulters = 1 },
                    new GrievanceScorecard
                    {
                        Key = "helpline-1076", Received = 5, Resolved = 1, ClosedAtFinalLevel = 1, ClosedNoFeedback = 1, Rejected = 1, Withdrawn = 1,
                        DisposedWithinTime = 5, TotalDisposalSeconds = 172_800 + 518_280 + 86_160 + 172_500 + 345_240, MedianDisposalSeconds = 172_800,
                        SatisfiedFeedback = 1, DissatisfiedFeedback = 3, DissatisfiedGrievances = 1, Redisposed = 1, Reopened = 1, Escalated = 1, Transfers = 1,
                    },
                    new GrievanceScorecard
                    {
                        Key = "web", Received = 2, Resolved = 2, DisposedWithinTime = 1, TotalDisposalSeconds = 345_540 + 1_209_180,
                        MedianDisposalSeconds = (345_540 + 1_209_180) / 2.0, SatisfiedFeedback = 2, DissatisfiedFeedback = 1, DissatisfiedGrievances = 1,
                        Redisposed = 1, Reopened = 1,
                    },
                },
                channels);

            var officers = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Officer, Start, Start.AddHours(1), late), default);
            Assert.Equal(new[] { ("revenue-l1", 4L, 1L), ("uppcl-l1", 3L, 2L), ("uppcl-l2", 1L, 0L) }, officers.Select(o => (o.Key, o.Received, o.Resolved)));

            // Judged at the start, no deadline has passed; a period with no registration has no scorecard.
            var early = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Department, Start, Start.AddHours(1), Start), default);
            Assert.All(early, c => Assert.Equal(0, c.Defaulters));
            Assert.Empty(await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.District, Start.AddDays(100), Start.AddDays(101), late), default));

            // Flow reports by the day things happened: in the first day and a half all nine came in and only e was closed (rejected on
            // day 1); what was pending at the end of it is what the rest of the month starts with.
            if (Store is IGrievanceFlowReports flows)
            {
                var first = await flows.GetFlowsAsync(new FlowQuery(ScorecardDimension.Department, Start, Start.AddHours(36)), default);
                Assert.Equal(
                    new[]
                    {
                        new GrievanceFlow { Key = "revenue", Received = 4, Disposed = 1, Rejected = 1, DisposedWithinTime = 1, TotalDisposalSeconds = 86_160 },
                        new GrievanceFlow { Key = "uppcl", Received = 5 },
                    },
                    first);
                var rest = await flows.GetFlowsAsync(new FlowQuery(ScorecardDimension.Department, Start.AddHours(36), Start.AddDays(40)), default);
                Assert.Equal(first.Select(f => (f.Key, f.PendingAtEnd)), rest.Select(f => (f.Key, f.PendingAtStart)));
                Assert.All(rest, f => Assert.Equal(0, f.Received));
            }

            // The grievance registered after the period is there, and counted in a period that covers it.
            var all = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.District, Start, Start.AddDays(1), late), default);
            Assert.Equal(9, all.Sum(c => c.Received));
        }
    }

    /// <summary>
    /// Anonymization erases the contact details and complainant id of grievances closed before the cut-off only, once, in batches;
    /// a later write keeps the complainant anonymized, and the scorecards are unchanged.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Anonymization_erases_only_long_closed_complainants_and_leaves_the_statistics_intact()
    {
        var anonymizer = Assert.IsAssignableFrom<IComplainantAnonymizer>(Store);
        var statistics = Assert.IsAssignableFrom<IGrievanceStatistics>(Store);
        var contact = new ContactDetails("सीता देवी", "+91-9000000001");
        var grievances = new List<GrievanceSnapshot>();
        for (var i = 0; i < 5; i++)
        {
            var closed = i < 3;
            var g = Minimal(GrievanceId.New(), $"REF-R{i}") with
            {
                ComplainantId = $"citizen-{i}",
                Status = closed ? GrievanceStatus.Closed : GrievanceStatus.PendingWithOfficer,
                Outcome = closed ? GrievanceOutcome.Resolved : GrievanceOutcome.None,
                ClosedAt = closed ? Start.AddDays(i * 10) : null, // closed on day 0, 10 and 20
            };
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null) with { ToStatus = g.Status }, contact), default);
            grievances.Add(g);
        }

        var query = new ScorecardQuery(ScorecardDimension.District, Start, Start.AddDays(1), Start.AddDays(1));
        var before = await statistics.GetScorecardsAsync(query, default);

        Assert.Equal(1, await anonymizer.AnonymizeClosedBeforeAsync(Start.AddDays(15), 1, default));
        Assert.Equal(1, await anonymizer.AnonymizeClosedBeforeAsync(Start.AddDays(15), 1, default));
        Assert.Equal(0, await anonymizer.AnonymizeClosedBeforeAsync(Start.AddDays(15), 1, default));

        for (var i = 0; i < 5; i++)
        {
            var stored = (await Store.FindAsync(grievances[i].Id, default))!;
            if (i < 2)
            {
                Assert.Equal(grievances[i] with { ComplainantId = Complainant.AnonymizedId }, stored);
                Assert.Null(await Store.GetContactDetailsAsync(grievances[i].Id, default));
            }
            else
            {
                Assert.Equal(grievances[i], stored);
                Assert.Equal(contact, await Store.GetContactDetailsAsync(grievances[i].Id, default));
            }
        }

        await Store.SaveAsync(Next(grievances[0], "written after anonymization"), default); // carries the old complainant id
        Assert.Equal(Complainant.AnonymizedId, (await Store.FindAsync(grievances[0].Id, default))!.ComplainantId);
        Assert.Equal(before, await statistics.GetScorecardsAsync(query, default));
    }

    /// <summary>
    /// The known data set of <see cref="Scorecards_equal_hand_computed_figures_for_a_known_data_set"/>: eight grievances registered in
    /// the first hour after <see cref="Start"/> (A–H, one minute apart) and one two hours after it, then driven day by day.
    /// </summary>
    private static async Task RunKnownDataSetAsync(IGrievanceWorkflow workflow, ManualClock clock, IGrievanceSweeper sweeper)
    {
        var admin = Actor.Administrator("admin-1");
        var revenueL1 = Actor.Officer(new OfficerId("revenue-l1"), new DepartmentId("revenue"), 1);
        async Task<GrievanceId> Register(string category, string district, Channel channel)
        {
            var id = (await workflow.RegisterAsync(new RegisterGrievance(Agent, channel, new GrievanceCategory(category), new GrievanceLocation(district), new Complainant("c"), "x"))).Grievance.Id;
            clock.Advance(TimeSpan.FromMinutes(1));
            return id;
        }

        async Task Do(GrievanceCommand command) => await workflow.ExecuteAsync(command);
        var a = await Register("electricity", "Lucknow", Channel.Helpline1076);
        var b = await Register("electricity", "Lucknow", Channel.Web);
        var c = await Register("electricity", "Agra", Channel.Helpline1076);
        var d = await Register("revenue", "Agra", Channel.DmPortal);
        var e = await Register("revenue", "Agra", Channel.Helpline1076);
        var f = await Register("electricity", "Lucknow", Channel.Helpline1076);
        var g = await Register("electricity", "Lucknow", Channel.Helpline1076);
        var h = await Register("revenue", "Agra", Channel.Web);
        clock.AdvanceTo(Start.AddHours(2));
        await Register("electricity", "Lucknow", Channel.Helpline1076); // outside the period

        clock.AdvanceTo(Start.AddDays(1));
        foreach (var id in new[] { a, b, c, g })
        {
            await Do(new ReportAction(id, OfficerL1, "Done."));
        }

        await Do(new RejectGrievance(e, admin, "not-maintainable"));
        await Do(new TransferGrievance(f, Agent, new DepartmentId("revenue"), "Land record, not electricity."));

        clock.AdvanceTo(Start.AddDays(2));
        await Do(new RecordFeedback(a, Agent, FeedbackResponse.Satisfied));
        await Do(new RecordFeedback(b, Agent, FeedbackResponse.Dissatisfied, "Still wrong."));
        await Do(new RecordFeedback(c, Agent, FeedbackResponse.Dissatisfied, "Still wrong."));
        await Do(new RecordFeedback(g, Agent, FeedbackResponse.NotReachable));
        await Do(new WithdrawGrievance(f, admin));

        clock.AdvanceTo(Start.AddDays(3));
        await Do(new ReportAction(b, OfficerL1, "Done again."));
        await Do(new ReportAction(c, OfficerL1, "Done again."));
        await Do(new RecordFeedback(g, Agent, FeedbackResponse.NotReachable));

        clock.AdvanceTo(Start.AddDays(4));
        await Do(new RecordFeedback(b, Agent, FeedbackResponse.Satisfied));
        await Do(new RecordFeedback(c, Agent, FeedbackResponse.Dissatisfied, "Still wrong."));
        await Do(new RecordFeedback(g, Agent, FeedbackResponse.NotReachable));

        clock.AdvanceTo(Start.AddDays(5));
        await Do(new ReportAction(c, OfficerL2, "Decided at L2."));

        clock.AdvanceTo(Start.AddDays(6));
        await Do(new RecordFeedback(c, Agent, FeedbackResponse.Dissatisfied, "Still wrong."));

        clock.AdvanceTo(Start.AddDays(12));
        Assert.Equal(3, (await sweeper.SweepAsync(clock.GetUtcNow(), 100)).FlaggedOverdue); // d, h and the one outside the period

        clock.AdvanceTo(Start.AddDays(13));
        await Do(new ReportAction(h, revenueL1, "Done late."));
        clock.AdvanceTo(Start.AddDays(14));
        await Do(new RecordFeedback(h, Agent, FeedbackResponse.Satisfied));
        _ = d;
    }
}
