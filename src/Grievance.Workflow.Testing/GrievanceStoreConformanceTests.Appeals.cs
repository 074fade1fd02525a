using System;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

// Appeals through the real engine on the store: the appeal, its decisions and the figures read back as written.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>
    /// A rejection appealed reads back under appeal (no outcome, the outcome under appeal kept, one appeal counted); the appeal allowed
    /// reads back pending at the named level; closed again and appealed no more; a second grievance's closure upheld on appeal reads
    /// back closed with its outcome. Scorecards count both appealed, one upheld and one allowed.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Appeals_read_back_under_appeal_allowed_and_upheld_with_their_history_events_and_scorecards()
    {
        var (workflow, clock, provider) = Engine(Store, build: b => b.Configure(o => o.Appeals.Enabled = true));
        await using (provider.ConfigureAwait(false))
        {
            var a = (await workflow.RegisterAsync(ElectricityComplaint("Meter burnt."))).Grievance;
            await workflow.ExecuteAsync(new RejectGrievance(a.Id, OfficerL1, "private-dispute"));
            clock.Advance(TimeSpan.FromDays(2));
            var appealed = (await workflow.ExecuteAsync(new AppealGrievance(a.Id, Actor.Complainant("citizen-42"), "The meter is the utility's."))).Grievance;

            Assert.Equal(appealed, await Store.FindAsync(a.Id, default));
            Assert.Equal((GrievanceStatus.UnderAppeal, GrievanceOutcome.None, GrievanceOutcome.Rejected, 1), (appealed.Status, appealed.Outcome, appealed.AppealedOutcome, appealed.AppealCount));

            var allowed = (await workflow.ExecuteAsync(new AllowAppeal(a.Id, OfficerL2, 1, "Maintainable: replace the meter."))).Grievance;
            Assert.Equal(allowed, await Store.FindAsync(a.Id, default));
            Assert.Equal((GrievanceStatus.PendingWithOfficer, 1, (string?)null), (allowed.Status, allowed.Level, allowed.RejectionReasonCode));

            var b = (await workflow.RegisterAsync(ElectricityComplaint("Street light out.", "citizen-77"))).Grievance;
            await workflow.ExecuteAsync(new RejectGrievance(b.Id, OfficerL1, "not-maintainable"));
            await workflow.ExecuteAsync(new AppealGrievance(b.Id, Agent, "Complainant disagrees."));
            clock.Advance(TimeSpan.FromDays(1));
            var upheld = (await workflow.ExecuteAsync(new UpholdClosure(b.Id, OfficerL2, "A private pole."))).Grievance;

            Assert.Equal(upheld, await Store.FindAsync(b.Id, default));
            Assert.Equal((GrievanceStatus.Closed, GrievanceOutcome.Rejected, GrievanceOutcome.None, (DateTimeOffset?)clock.GetUtcNow()), (upheld.Status, upheld.Outcome, upheld.AppealedOutcome, upheld.ClosedAt));
            var last = (await Store.GetHistoryAsync(b.Id, default))[^1];
            Assert.Equal((GrievanceAction.UpholdClosure, HistoryReasonCodes.AppealUpheld), (last.Action, last.ReasonCode));
            if (Store is IOutboxStore outbox)
            {
                var events = (await outbox.ReadAsync(0, 10_000, default)).Where(m => m.Event.GrievanceId == b.Id && m.Event.Sequence == last.Sequence).Select(m => m.Event.Type);
                Assert.Equal([GrievanceEventType.AppealUpheld, GrievanceEventType.Closed], events);
            }

            if (Store is IGrievanceStatistics statistics)
            {
                var now = clock.GetUtcNow();
                var card = Assert.Single(await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Department, Start, now.AddTicks(1), now), default));
                Assert.Equal((2L, 2L, 1L, 1L, 1L), (card.Received, card.Appealed, card.AppealsUpheld, card.AppealsAllowed, card.Rejected));
            }
        }
    }
}
