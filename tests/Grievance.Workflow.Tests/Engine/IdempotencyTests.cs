using FluentAssertions;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Engine;

public sealed class IdempotencyTests : IDisposable
{
    private readonly Seed _seed = new();

    [Fact]
    public async Task A_command_applied_again_with_the_same_id_returns_the_first_result_and_changes_nothing()
    {
        var g = await _seed.RegisterAsync();
        var command = new ReportAction(g.Id, Seed.OfficerL1, "Done.") { CommandId = new CommandId("call-centre-ticket-1") };

        var first = await _seed.Workflow.ExecuteAsync(command);
        _seed.Clock.Advance(TimeSpan.FromHours(1));
        var again = await _seed.Workflow.ExecuteAsync(command);

        first.IsReplay.Should().BeFalse();
        again.IsReplay.Should().BeTrue();
        again.Entry.Should().Be(first.Entry);
        again.Grievance.Should().Be(first.Grievance);
        (await _seed.Workflow.GetHistoryAsync(g.Id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_replay_after_later_commands_returns_the_first_entry_and_the_grievance_as_it_is_now()
    {
        var g = await _seed.RegisterAsync();
        var report = new ReportAction(g.Id, Seed.OfficerL1, "Done.") { CommandId = new CommandId("r-1") };
        var first = await _seed.Workflow.ExecuteAsync(report);
        await _seed.FeedbackAsync(first.Grievance, FeedbackResponse.Satisfied);

        var again = await _seed.Workflow.ExecuteAsync(report);

        again.IsReplay.Should().BeTrue();
        again.Entry.Should().Be(first.Entry);
        again.Grievance.Outcome.Should().Be(GrievanceOutcome.Resolved);
        again.Grievance.Version.Should().Be(3);
    }

    [Fact]
    public async Task A_registration_replayed_with_the_same_id_returns_the_same_grievance()
    {
        var command = Seed.Complaint() with { CommandId = new CommandId("ivr-call-0001") };

        var first = await _seed.Workflow.RegisterAsync(command);
        var again = await _seed.Workflow.RegisterAsync(command);

        again.IsReplay.Should().BeTrue();
        again.Grievance.Id.Should().Be(first.Grievance.Id);
        again.Grievance.ReferenceNumber.Should().Be(first.Grievance.ReferenceNumber);
        again.Entry.Should().Be(first.Entry);
    }

    [Fact]
    public async Task Concurrent_registrations_with_one_command_id_create_one_grievance()
    {
        var command = Seed.Complaint() with { CommandId = new CommandId("ivr-call-0002") };

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await _seed.Workflow.RegisterAsync(command))));

        results.Select(r => r.Grievance.Id).Distinct().Should().ContainSingle();
        results.Count(r => !r.IsReplay).Should().Be(1);
    }

    [Fact]
    public async Task Reusing_a_command_id_for_another_action_or_grievance_is_a_typed_conflict_and_stores_nothing()
    {
        var g = await _seed.RegisterAsync();
        var other = await _seed.RegisterAsync();
        var key = new CommandId("k-1");
        await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.Agent, "first") { CommandId = key });

        var sameGrievanceOtherAction = async () => await _seed.Workflow.ExecuteAsync(new ReportAction(g.Id, Seed.OfficerL1, "x") { CommandId = key });
        var otherGrievance = async () => await _seed.Workflow.ExecuteAsync(new AddNote(other.Id, Seed.Agent, "first") { CommandId = key });

        (await sameGrievanceOtherAction.Should().ThrowAsync<CommandIdConflictException>())
            .Which.Should().BeEquivalentTo(new { CommandId = key, Action = GrievanceAction.ReportAction, FirstAction = GrievanceAction.AddNote, FirstGrievanceId = g.Id });
        (await otherGrievance.Should().ThrowAsync<CommandIdConflictException>())
            .Which.Message.Should().Contain(g.Id.ToString()).And.Contain(other.Id.ToString()).And.Contain("k-1");
        (await _seed.Workflow.GetAsync(g.Id)).Version.Should().Be(2);
        (await _seed.Workflow.GetAsync(other.Id)).Version.Should().Be(1);
    }

    public void Dispose() => _seed.Dispose();
}
