using System;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Bulk;
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
            var g = (await workflow.RegisterAsync(ElectricityComplaint("No supply since the storm."))).Grievance;
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

    /// <summary>
    /// A bulk rejection stores each grievance's own command with the batch's command id, refuses the one that cannot take it
    /// without touching the others, and a rerun of the same batch replays what it applied instead of applying it twice.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_bulk_action_stores_each_item_once_with_the_batch_command_id_and_a_rerun_replays_it()
    {
        var (workflow, _, provider) = Engine(Store);
        await using (provider.ConfigureAwait(false))
        {
            var ids = new GrievanceId[4];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = (await workflow.RegisterAsync(ElectricityComplaint("Street light out.", $"citizen-{i}"))).Grievance.Id;
            }

            await workflow.ExecuteAsync(new WithdrawGrievance(ids[2], Actor.Administrator("admin-1"), "Withdrawn by phone."));
            var bulk = provider.GetRequiredService<IGrievanceBulkActions>();
            var request = new BulkRequest("reorg-2026", ids, id => new RejectGrievance(id, Actor.Administrator("admin-1"), "not-maintainable")) { ChunkSize = 3 };

            var first = await bulk.ApplyAsync(request);
            var again = await bulk.ApplyAsync(request);

            Assert.Equal([BulkItemOutcome.Applied, BulkItemOutcome.Applied, BulkItemOutcome.Refused, BulkItemOutcome.Applied], first.Items.Select(i => i.Outcome));
            Assert.Equal([BulkItemOutcome.AlreadyApplied, BulkItemOutcome.AlreadyApplied, BulkItemOutcome.Refused, BulkItemOutcome.AlreadyApplied], again.Items.Select(i => i.Outcome));
            foreach (var id in ids.Where((_, i) => i != 2))
            {
                var history = await Store.GetHistoryAsync(id, default);
                Assert.Equal(2, history.Count);
                Assert.Equal(BulkRequest.CommandIdOf("reorg-2026", id), history[^1].CommandId);
                Assert.Equal(GrievanceOutcome.Rejected, (await Store.FindAsync(id, default))!.Outcome);
                Assert.Equal(history[^1], await Store.FindByCommandIdAsync(BulkRequest.CommandIdOf("reorg-2026", id), default));
            }

            Assert.Equal(GrievanceOutcome.Withdrawn, (await Store.FindAsync(ids[2], default))!.Outcome);
        }
    }
}
