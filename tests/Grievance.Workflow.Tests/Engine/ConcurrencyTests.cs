using FluentAssertions;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Engine;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly Seed _seed = new(o => o.ConcurrencyRetryLimit = 100);

    [Fact]
    public async Task A_command_with_a_stale_expected_version_fails_with_a_conflict_naming_both_versions()
    {
        var g = await _seed.RegisterAsync();
        await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.Agent, "someone else first"));

        var act = async () => await _seed.Workflow.ExecuteAsync(new ReportAction(g.Id, Seed.OfficerL1, "Done.") { ExpectedVersion = 1 });

        var error = (await act.Should().ThrowAsync<GrievanceConcurrencyException>()).Which;
        error.GrievanceId.Should().Be(g.Id);
        error.ExpectedVersion.Should().Be(1);
        error.ActualVersion.Should().Be(2);
        error.Message.Should().Be($"Grievance {g.Id} was expected at version 1 but is at version 2: another command changed it first.");
        (await _seed.Workflow.GetAsync(g.Id)).Status.Should().Be(GrievanceStatus.PendingWithOfficer);
    }

    [Fact]
    public async Task The_store_refuses_a_change_whose_expected_version_is_stale()
    {
        var store = _seed.Services.GetRequiredService<IGrievanceStore>();
        var g = await _seed.RegisterAsync();
        var history = await store.GetHistoryAsync(g.Id, default);
        var stale = g with { Version = 2 };
        await store.SaveAsync(new GrievanceChange(stale, history[0] with { Sequence = 2, Action = GrievanceAction.AddNote }), default);

        var act = async () => await store.SaveAsync(new GrievanceChange(stale, history[0] with { Sequence = 2, Action = GrievanceAction.AddNote }), default);

        (await act.Should().ThrowAsync<GrievanceConcurrencyException>()).Which.ActualVersion.Should().Be(2);
        (await store.GetHistoryAsync(g.Id, default)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Fifty_parallel_notes_on_one_grievance_all_land_with_a_gapless_history()
    {
        var g = await _seed.RegisterAsync();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
            await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.Agent, $"note {i}")))));

        var after = await _seed.Workflow.GetAsync(g.Id);
        var history = await _seed.Workflow.GetHistoryAsync(g.Id);
        after.Version.Should().Be(51);
        history.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 51).Select(i => (long)i));
        history.Skip(1).Select(e => e.Text).Should().BeEquivalentTo(Enumerable.Range(0, 50).Select(i => $"note {i}"));
    }

    [Fact]
    public async Task Fifty_parallel_mixed_commands_leave_one_disposal_and_a_consistent_version_and_history()
    {
        var g = await _seed.RegisterAsync();
        var commands = Enumerable.Range(0, 50).Select(i => i % 2 == 0
            ? (GrievanceCommand)new ReportAction(g.Id, Seed.OfficerL1, $"report {i}")
            : new AddNote(g.Id, Seed.Agent, $"note {i}")).ToArray();

        var results = await Task.WhenAll(commands.Select(c => Task.Run(async () => await _seed.Workflow.TryExecuteAsync(c))));

        results.Count(r => r.Succeeded && r.Value!.Entry.Action == GrievanceAction.ReportAction).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Error is GrievanceActionNotAllowedException);
        results.Count(r => !r.Succeeded).Should().Be(24);
        var after = await _seed.Workflow.GetAsync(g.Id);
        var history = await _seed.Workflow.GetHistoryAsync(g.Id);
        after.Version.Should().Be(1 + 1 + 25);
        after.Status.Should().Be(GrievanceStatus.AwaitingFeedback);
        history.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 27).Select(i => (long)i));
        history.Zip(history.Skip(1)).Should().OnlyContain(p => p.Second.FromStatus == p.First.ToStatus, "each entry starts where the one before ended");
    }

    [Fact]
    public async Task A_command_without_an_expected_version_that_keeps_losing_says_the_retry_budget_ran_out()
    {
        using var seed = new Seed(
            o => (o.ConcurrencyRetryLimit, o.ConcurrencyRetryBaseDelay) = (3, TimeSpan.Zero),
            b => b.UseStore(_ => new AlwaysContended(new InMemoryGrievanceStore())));
        var g = await seed.RegisterAsync();

        var result = await seed.Workflow.TryExecuteAsync(new AddNote(g.Id, Seed.Agent, "note"));

        var error = result.Error.Should().BeOfType<GrievanceConcurrencyException>().Subject;
        error.RetriesExhausted.Should().BeTrue();
        error.Attempts.Should().Be(4, "the first attempt and three retries");
        error.Message.Should().Contain("retry budget ran out").And.Contain("AddNote was decided 4 times").And.NotContain("expected at version");
    }

    [Fact]
    public async Task A_stale_expected_version_is_not_a_spent_retry_budget()
    {
        var g = await _seed.RegisterAsync();
        await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.Agent, "first"));

        var result = await _seed.Workflow.TryExecuteAsync(new AddNote(g.Id, Seed.Agent, "second") { ExpectedVersion = 1 });

        result.Error.Should().BeOfType<GrievanceConcurrencyException>().Which.Should().BeEquivalentTo(new { RetriesExhausted = false, Attempts = 0, ExpectedVersion = 1L, ActualVersion = 2L });
    }

    [Fact]
    public async Task The_try_path_lets_infrastructure_failures_and_cancellation_through_and_a_retry_with_the_command_id_is_safe()
    {
        var faulty = new Grievance.Workflow.Testing.FaultInjectingStore(new InMemoryGrievanceStore());
        using var seed = new Seed(build: b => b.UseStore(_ => faulty));
        var g = await seed.RegisterAsync();
        var note = new AddNote(g.Id, Seed.Agent, "called") { CommandId = new CommandId("call-1") };

        faulty.FailWrite(Grievance.Workflow.Testing.WriteFault.AfterWrite);
        var lostAcknowledgement = async () => await seed.Workflow.TryExecuteAsync(note);
        await lostAcknowledgement.Should().ThrowAsync<System.IO.IOException>();
        var cancelled = async () => await seed.Workflow.TryExecuteAsync(new AddNote(g.Id, Seed.Agent, "x"), new CancellationToken(canceled: true));
        await cancelled.Should().ThrowAsync<OperationCanceledException>();
        var retried = await seed.Workflow.TryExecuteAsync(note);

        retried.GetValueOrThrow().IsReplay.Should().BeTrue();
        (await seed.Workflow.GetHistoryAsync(g.Id)).Should().HaveCount(2);
    }

    private sealed class AlwaysContended(IGrievanceStore inner) : ForwardingStore(inner)
    {
        public override ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken)
            => throw new GrievanceConcurrencyException(change.Grievance.Id, change.ExpectedVersion, change.ExpectedVersion + 1);
    }

    public void Dispose() => _seed.Dispose();
}
