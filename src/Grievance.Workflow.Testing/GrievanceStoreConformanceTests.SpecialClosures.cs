using System;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

// Special closures through the real engine on the store: the proposal's reason code, the decision and the outcome read back as written.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>
    /// A special closure proposed, rejected once, proposed again and accepted reads back at every step as the engine wrote it: the
    /// proposal's reason code on the grievance while a higher level decides, none after a rejection, kept on the closed grievance
    /// with outcome <see cref="GrievanceOutcome.SpecialClosed"/>; the complainant's notice recorded before the closure's event;
    /// counted by scorecards and flow reports as a special closure, never as resolved.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_special_closure_reads_back_proposed_rejected_and_accepted_with_its_reason_events_and_scorecards()
    {
        var (workflow, clock, provider) = Engine(Store, build: b => b.Configure(o => o.SpecialClosure.Enabled = true));
        await using (provider.ConfigureAwait(false))
        {
            var g = (await workflow.RegisterAsync(ElectricityComplaint("Compensation for the burnt transformer."))).Grievance;

            var proposed = (await workflow.ExecuteAsync(new ProposeSpecialClosure(g.Id, OfficerL1, "sub-judice", "A suit is pending in the civil court."))).Grievance;
            Assert.Equal(proposed, await Store.FindAsync(g.Id, default));
            Assert.Equal((GrievanceStatus.AwaitingSpecialClosure, "sub-judice", g.DueAt), (proposed.Status, proposed.SpecialClosureReasonCode, proposed.DueAt));

            var rejected = (await workflow.ExecuteAsync(new RejectSpecialClosure(g.Id, OfficerL2, "The suit is about another meter: act on this one."))).Grievance;
            Assert.Equal(rejected, await Store.FindAsync(g.Id, default));
            Assert.Equal((GrievanceStatus.PendingWithOfficer, (string?)null, g.DueAt, g.Officer), (rejected.Status, rejected.SpecialClosureReasonCode, rejected.DueAt, rejected.Officer));

            clock.Advance(TimeSpan.FromHours(3));
            await workflow.ExecuteAsync(new ProposeSpecialClosure(g.Id, OfficerL1, "outside-jurisdiction", "Private transformer, not the utility's."));
            var closed = (await workflow.ExecuteAsync(new AcceptSpecialClosure(g.Id, OfficerL2, "Agreed."))).Grievance;

            var stored = await Store.FindAsync(g.Id, default);
            Assert.Equal(closed, stored);
            Assert.Equal((GrievanceStatus.Closed, GrievanceOutcome.SpecialClosed, "outside-jurisdiction"), (stored!.Status, stored.Outcome, stored.SpecialClosureReasonCode));
            var history = await Store.GetHistoryAsync(g.Id, default);
            Assert.Equal(
                [GrievanceAction.Register, GrievanceAction.ProposeSpecialClosure, GrievanceAction.RejectSpecialClosure, GrievanceAction.ProposeSpecialClosure, GrievanceAction.AcceptSpecialClosure],
                history.Select(e => e.Action));
            Assert.Equal(["sub-judice", HistoryReasonCodes.SpecialClosureRejected, "outside-jurisdiction", "outside-jurisdiction"], history.Skip(1).Select(e => e.ReasonCode));
            if (Store is IOutboxStore outbox)
            {
                var events = (await outbox.ReadAsync(0, 10_000, default)).Where(m => m.Event.GrievanceId == g.Id && m.Event.Sequence == history[^1].Sequence).Select(m => m.Event.Type);
                Assert.Equal([GrievanceEventType.SpecialClosureAccepted, GrievanceEventType.Closed], events);
            }

            var now = clock.GetUtcNow();
            if (Store is IGrievanceStatistics statistics)
            {
                var card = Assert.Single(await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Department, Start, now.AddTicks(1), now), default));
                Assert.Equal((1L, 0L, 0L, 1L, 1L), (card.Received, card.Pending, card.Resolved, card.SpecialClosed, card.Disposed));
            }

            if (Store is IGrievanceFlowReports flows)
            {
                var flow = Assert.Single(await flows.GetFlowsAsync(new FlowQuery(ScorecardDimension.Department, Start, now.AddTicks(1)), default));
                Assert.Equal((1L, 0L, 1L), (flow.Disposed, flow.Resolved, flow.SpecialClosed));
            }
        }
    }
}
