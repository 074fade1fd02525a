using System;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

// The lifecycle's optional branches through the real engine on the store: what each writes must read back as the engine wrote it.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>
    /// A resolved grievance that its complainant reopens reads back open again — pending at its level, no outcome, no closure time,
    /// counted as reopened — with the reopening in its history and a <see cref="GrievanceEventType.Reopened"/> event, and the
    /// scorecards count it pending again; disposed of anew, it is resolved again.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_resolved_grievance_its_complainant_reopens_reads_back_open_again_with_its_history_events_and_scorecards()
    {
        var (workflow, clock, provider) = Engine(Store, build: b => b.Configure(o => o.Reopen.Enabled = true));
        await using (provider.ConfigureAwait(false))
        {
            var register = new RegisterGrievance(Agent, Channel.Helpline1076, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"),
                new Complainant("citizen-42"), "No supply since the storm.");
            var g = (await workflow.RegisterAsync(register)).Grievance;
            g = (await workflow.ExecuteAsync(new ReportAction(g.Id, OfficerL1, "Line restored."))).Grievance;
            g = (await workflow.ExecuteAsync(new RecordFeedback(g.Id, Agent, FeedbackResponse.Satisfied))).Grievance;
            clock.Advance(TimeSpan.FromDays(2));

            var reopened = await workflow.ExecuteAsync(new ReopenGrievance(g.Id, Actor.Complainant("citizen-42"), "No supply again."));

            var stored = await Store.FindAsync(g.Id, default);
            Assert.Equal(reopened.Grievance, stored);
            Assert.Equal((GrievanceStatus.PendingWithOfficer, GrievanceOutcome.None, 1, (DateTimeOffset?)null), (stored!.Status, stored.Outcome, stored.Level, stored.ClosedAt));
            Assert.True(stored.Tally.Reopened);
            var last = (await Store.GetHistoryAsync(g.Id, default))[^1];
            Assert.Equal((GrievanceAction.ReopenByComplainant, HistoryReasonCodes.Reopened, "No supply again."), (last.Action, last.ReasonCode, last.Text));
            if (Store is IOutboxStore outbox)
            {
                var events = (await outbox.ReadAsync(0, 10_000, default)).Where(m => m.Event.GrievanceId == g.Id && m.Event.Sequence == last.Sequence).Select(m => m.Event.Type);
                Assert.Equal([GrievanceEventType.Reopened], events);
            }

            var now = clock.GetUtcNow();
            var card = Assert.Single(await ((IGrievanceStatistics)Store).GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Department, Start, now.AddTicks(1), now), default));
            Assert.Equal((1L, 1L, 0L, 1L), (card.Received, card.Pending, card.Resolved, card.Reopened));

            g = (await workflow.ExecuteAsync(new ReportAction(g.Id, OfficerL1, "Transformer replaced."))).Grievance;
            g = (await workflow.ExecuteAsync(new RecordFeedback(g.Id, Agent, FeedbackResponse.Satisfied))).Grievance;
            Assert.Equal(g, await Store.FindAsync(g.Id, default));
            Assert.Equal(GrievanceOutcome.Resolved, g.Outcome);
        }
    }
}
