using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task Reusing_a_command_id_for_another_action_or_grievance_is_a_typed_conflict_that_tells_nothing_of_the_first()
    {
        var g = await _seed.RegisterAsync();
        var other = await _seed.RegisterAsync();
        var key = new CommandId("k-1");
        await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.Agent, "first") { CommandId = key });

        var sameGrievanceOtherAction = async () => await _seed.Workflow.ExecuteAsync(new ReportAction(g.Id, Seed.OfficerL1, "x") { CommandId = key });
        var otherGrievance = async () => await _seed.Workflow.ExecuteAsync(new AddNote(other.Id, Seed.Agent, "first") { CommandId = key });

        (await sameGrievanceOtherAction.Should().ThrowAsync<CommandIdConflictException>())
            .Which.Should().BeEquivalentTo(new { CommandId = key, Action = GrievanceAction.ReportAction, Differences = CommandIdDifferences.Action | CommandIdDifferences.Actor });
        (await otherGrievance.Should().ThrowAsync<CommandIdConflictException>())
            .Which.Should().Match<CommandIdConflictException>(e => e.Differences == CommandIdDifferences.Grievance && e.Message.Contains("k-1") && !e.Message.Contains(g.Id.ToString()));
        (await _seed.Workflow.GetAsync(g.Id)).Version.Should().Be(2);
        (await _seed.Workflow.GetAsync(other.Id)).Version.Should().Be(1);
    }

    [Fact]
    public async Task A_different_note_under_a_used_command_id_is_a_payload_conflict_not_a_silent_replay()
    {
        var g = await _seed.RegisterAsync();
        var key = new CommandId("note-1");
        await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.OfficerL1, "Site visit on Monday.") { CommandId = key });

        var administratorsNote = await _seed.Workflow.TryExecuteAsync(new AddNote(g.Id, Seed.Admin, "Escalate to the SE.") { CommandId = key });
        var sameActorOtherText = await _seed.Workflow.TryExecuteAsync(new AddNote(g.Id, Seed.OfficerL1, "Site visit on Tuesday.") { CommandId = key });
        var internalFlagDiffers = await _seed.Workflow.TryExecuteAsync(new AddNote(g.Id, Seed.OfficerL1, "Site visit on Monday.") { CommandId = key, IsInternal = true });
        var retry = await _seed.Workflow.TryExecuteAsync(new AddNote(g.Id, Seed.OfficerL1, "Site visit on Monday.") { CommandId = key, ExpectedVersion = 1 });

        administratorsNote.Error.Should().BeOfType<CommandIdConflictException>().Which.Differences.Should().Be(CommandIdDifferences.Actor);
        sameActorOtherText.Error.Should().BeOfType<CommandIdConflictException>().Which.Differences.Should().Be(CommandIdDifferences.Payload);
        internalFlagDiffers.Error.Should().BeOfType<CommandIdConflictException>().Which.Differences.Should().Be(CommandIdDifferences.Payload);
        sameActorOtherText.Error!.Message.Should().NotContain("Monday").And.NotContain("Tuesday");
        retry.GetValueOrThrow().IsReplay.Should().BeTrue("the expected version is a precondition of the attempt, not part of the command");
        (await _seed.Workflow.GetHistoryAsync(g.Id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_registration_under_another_callers_command_id_is_refused_and_reveals_nothing_of_their_grievance()
    {
        var key = new CommandId("portal-submission-77");
        var first = await _seed.Workflow.RegisterAsync(Seed.Complaint() with { CommandId = key });
        var someoneElse = new RegisterGrievance(Actor.Complainant("citizen-99"), Channel.Web, new GrievanceCategory("electricity"), new GrievanceLocation("Agra"),
            new Complainant("citizen-99"), "My own complaint.") { CommandId = key };
        var sameCallerOtherText = Seed.Complaint(description: "A different complaint.") with { CommandId = key };

        var stolen = await _seed.Workflow.TryRegisterAsync(someoneElse);
        var edited = await _seed.Workflow.TryRegisterAsync(sameCallerOtherText);

        stolen.Error.Should().BeOfType<CommandIdConflictException>().Which.Differences.Should().Be(CommandIdDifferences.Actor);
        stolen.Error!.Message.Should().NotContain(first.Grievance.Id.ToString()).And.NotContain(first.Grievance.ReferenceNumber.Value).And.NotContain("citizen-42");
        edited.Error.Should().BeOfType<CommandIdConflictException>().Which.Differences.Should().Be(CommandIdDifferences.Payload);
    }

    [Fact]
    public async Task Every_field_of_a_command_is_in_its_fingerprint()
    {
        var g = await _seed.RegisterAsync();
        var key = new CommandId("f-1");
        var report = new ReportAction(g.Id, Seed.OfficerL1, "Done.") { CommandId = key };
        await _seed.Workflow.ExecuteAsync(report);

        var entry = (await _seed.Workflow.GetHistoryAsync(g.Id))[^1];

        entry.CommandFingerprint.Should().MatchRegex("^[0-9a-f]{32}$");
        (await _seed.Workflow.TryExecuteAsync(report with { })).GetValueOrThrow().IsReplay.Should().BeTrue();
        (await _seed.Workflow.TryExecuteAsync(new ReportAction(g.Id, Seed.OfficerL1, "Done!") { CommandId = key })).Error.Should().BeOfType<CommandIdConflictException>();
        (await _seed.Workflow.TryExecuteAsync(new ReportAction(g.Id, Actor.Officer(Seed.UppclL1, Seed.Uppcl, 2), "Done.") { CommandId = key })).Error
            .Should().BeOfType<CommandIdConflictException>().Which.Differences.Should().Be(CommandIdDifferences.Actor, "an officer's level is part of who acts");
    }

    [Fact]
    public async Task An_entry_written_before_fingerprints_keeps_matching_on_grievance_and_action()
    {
        var store = new Grievance.Workflow.Storage.InMemoryGrievanceStore();
        using var seed = new Seed(build: b => b.UseStore(_ => store));
        var g = await seed.RegisterAsync();
        var legacy = new Grievance.Workflow.Storage.GrievanceChange(g with { Version = 2 }, new HistoryEntry
        {
            GrievanceId = g.Id, Sequence = 2, OccurredAt = g.UpdatedAt, Actor = Seed.Agent, Action = GrievanceAction.AddNote,
            FromStatus = g.Status, ToStatus = g.Status, FromLevel = 1, ToLevel = 1, Text = "old note", CommandId = new CommandId("legacy-1"),
        });
        await store.SaveAsync(legacy, default);

        var sameAction = await seed.Workflow.TryExecuteAsync(new AddNote(g.Id, Seed.Admin, "any text") { CommandId = new CommandId("legacy-1") });
        var otherAction = await seed.Workflow.TryExecuteAsync(new ReportAction(g.Id, Seed.OfficerL1, "x") { CommandId = new CommandId("legacy-1") });

        sameAction.GetValueOrThrow().IsReplay.Should().BeTrue();
        otherAction.Error.Should().BeOfType<CommandIdConflictException>().Which.Differences.Should().Be(CommandIdDifferences.Action);
    }

    public void Dispose() => _seed.Dispose();
}
