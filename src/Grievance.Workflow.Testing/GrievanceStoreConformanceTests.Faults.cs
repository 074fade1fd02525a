using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Xunit;

namespace Grievance.Workflow.Testing;

// Faults injected before, after and by cancellation of every write of a lifecycle: nothing partial is left, and a retry with the
// same command id applies exactly once.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>Every write of the seed's longest lifecycle fails in turn before it reaches the store: nothing is left, and the retry applies once.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public Task A_write_failing_before_the_store_leaves_nothing_and_the_retry_applies_once() => EveryWriteFailsInTurnAsync(WriteFault.BeforeWrite);

    /// <summary>Every write of the seed's longest lifecycle loses its acknowledgement in turn: the write is there whole, and the retry replays it.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public Task A_write_whose_acknowledgement_is_lost_is_whole_and_the_retry_replays_it() => EveryWriteFailsInTurnAsync(WriteFault.AfterWrite);

    /// <summary>Every write of the seed's longest lifecycle is cancelled in turn: the store throws, nothing is left, and the retry applies once.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public Task A_cancelled_write_leaves_nothing_and_the_retry_applies_once() => EveryWriteFailsInTurnAsync(WriteFault.Cancellation);

    /// <summary>
    /// Runs the seed's longest lifecycle once without faults, then once per write with that write failing: a failed write leaves
    /// no trace (snapshot, history and outbox as before), a write whose acknowledgement was lost is there whole, and retrying the
    /// command with its command id applies it exactly once. Every run ends with the same history and events as the first.
    /// </summary>
    private async Task EveryWriteFailsInTurnAsync(WriteFault fault)
    {
        var faulty = new FaultInjectingStore(Store);
        var (workflow, clock, provider) = Engine(faulty);
        await using var _ = provider;
        var outbox = Assert.IsAssignableFrom<IOutboxStore>(Store);
        var reference = await RunWithFaultsAsync(workflow, clock, faulty, outbox, fault: null, failAt: -1);
        var steps = reference.History.Count;

        for (var failAt = 0; failAt < steps; failAt++)
        {
            var run = await RunWithFaultsAsync(workflow, clock, faulty, outbox, fault, failAt);

            Assert.Equal(reference.History.Select(Shape), run.History.Select(Shape));
            Assert.Equal(reference.Events, run.Events);
        }

        Assert.Equal(steps, faulty.FaultsInjected);
    }

    private static async Task<(IReadOnlyList<HistoryEntry> History, IReadOnlyList<(long Sequence, int Index, GrievanceEventType Type)> Events)> RunWithFaultsAsync(
        IGrievanceWorkflow workflow, ManualClock clock, FaultInjectingStore store, IOutboxStore outbox, WriteFault? fault, int failAt)
    {
        var id = GrievanceId.New();
        var run = id.ToString()[^12..]; // the random end of the id (a new id begins with its millisecond)
        var register = new RegisterGrievance(Agent, Channel.Helpline1076, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"), new Complainant("citizen-42"), "The October bill is wrong.")
        {
            GrievanceId = id,
            CommandId = new CommandId($"{run}-register"),
        };
        var commands = new Func<GrievanceCommand>[]
        {
            () => new ReportAction(id, OfficerL1, "Bill revised.") { CommandId = new CommandId($"{run}-report-1") },
            () => new RecordFeedback(id, Agent, FeedbackResponse.Dissatisfied, "Still wrong.") { CommandId = new CommandId($"{run}-feedback-1") },
            () => new ReportAction(id, OfficerL1, "Bill revised again.") { CommandId = new CommandId($"{run}-report-2") },
            () => new RecordFeedback(id, Agent, FeedbackResponse.Dissatisfied, "Still wrong.") { CommandId = new CommandId($"{run}-feedback-2") },
            () => new ReportAction(id, OfficerL2, "Meter replaced.") { CommandId = new CommandId($"{run}-report-3") },
            () => new RecordFeedback(id, Agent, FeedbackResponse.Satisfied, rating: 4) { CommandId = new CommandId($"{run}-feedback-3") },
        };

        for (var step = 0; step <= commands.Length; step++)
        {
            clock.Advance(TimeSpan.FromHours(5));
            Func<Task<CommandResult>> act = step == 0
                ? async () => await workflow.RegisterAsync(register)
                : async () => await workflow.ExecuteAsync(commands[step - 1]());
            if (step != failAt || fault is not { } armed)
            {
                Assert.False((await act()).IsReplay);
                continue;
            }

            var before = await TraceOfAsync(store, outbox, id);
            store.FailWrite(armed);
            var failure = await Record.ExceptionAsync(act);
            var after = await TraceOfAsync(store, outbox, id);

            if (armed == WriteFault.Cancellation)
            {
                Assert.IsAssignableFrom<OperationCanceledException>(failure);
            }
            else
            {
                Assert.Equal(armed, Assert.IsType<InjectedFaultException>(failure).Fault);
            }

            if (armed == WriteFault.AfterWrite)
            {
                Assert.Equal(before.Version + 1, after.Version);
                Assert.Equal(before.History + 1, after.History);
                Assert.True(after.Events > before.Events, "the events were written with the change");
            }
            else
            {
                Assert.Equal(before, after);
            }

            var retried = await act();
            Assert.Equal(armed == WriteFault.AfterWrite, retried.IsReplay);
            Assert.Equal(step + 1, retried.Entry.Sequence);
        }

        var history = await store.GetHistoryAsync(id, default);
        Assert.Equal(history.Select(e => e.CommandId!.Value.Value).Distinct().Count(), history.Count);
        var events = (await outbox.ReadAsync(0, int.MaxValue, default)).Where(m => m.Event.GrievanceId == id).Select(m => (m.Event.Sequence, m.Event.Index, m.Event.Type)).ToList();
        return (history, events);
    }

    private static async Task<(long Version, int History, int Events)> TraceOfAsync(FaultInjectingStore store, IOutboxStore outbox, GrievanceId id)
    {
        var grievance = await store.FindAsync(id, default);
        var history = await store.GetHistoryAsync(id, default);
        var events = (await outbox.ReadAsync(0, int.MaxValue, default)).Count(m => m.Event.GrievanceId == id);
        return (grievance?.Version ?? 0, history.Count, events);
    }

    private static (long Sequence, GrievanceAction Action, GrievanceStatus To, GrievanceOutcome Outcome, int Level) Shape(HistoryEntry e)
        => (e.Sequence, e.Action, e.ToStatus, e.Outcome, e.ToLevel);
}
