using FluentAssertions;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Tracking;

public sealed class TrackingTests : IDisposable
{
    private readonly Seed _seed = new();

    [Fact]
    public async Task Anyone_holding_the_reference_sees_status_dates_level_department_and_outcome_but_no_text()
    {
        var g = await _seed.RegisterAsync();
        await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.OfficerL1, "Line staff suspect meter tampering.") { IsInternal = true });
        await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.Agent, "Ram Prasad called from 9800000042 to ask for an update."));
        g = await _seed.ReportAsync(await _seed.Workflow.GetAsync(g.Id), report: "Visited 12 Hazratganj; bill revised.");

        var tracking = await _seed.Workflow.TrackAsync(g.ReferenceNumber);

        tracking.Should().BeEquivalentTo(new
        {
            g.ReferenceNumber,
            Status = GrievanceStatus.AwaitingFeedback,
            Level = 1,
            Department = (DepartmentId?)Seed.Uppcl,
            RegisteredAt = Seed.Start,
        });
        tracking.Steps.Select(s => (s.Action, s.ActorRole, s.Text)).Should().Equal(
            (GrievanceAction.Register, ActorRole.HelplineAgent, null),
            (GrievanceAction.AddNote, ActorRole.HelplineAgent, null),
            (GrievanceAction.ReportAction, ActorRole.Officer, null));
        tracking.ToString().Should().NotContain("uppcl-l1").And.NotContain("tampering").And.NotContain("9800000042").And.NotContain("Hazratganj");
        (await _seed.Workflow.GetHistoryAsync(g.Id)).Should().Contain(e => e.IsInternal && e.Text == "Line staff suspect meter tampering.", "the audit trail keeps it");
    }

    [Fact]
    public async Task The_complainants_own_view_adds_the_text_addressed_to_them_and_never_internal_or_departmental_remarks()
    {
        var g = await _seed.RegisterAsync();
        await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.OfficerL1, "Line staff suspect meter tampering.") { IsInternal = true });
        await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.Agent, "We called you for an update."));
        await _seed.Workflow.ExecuteAsync(new EscalateGrievance(g.Id, Seed.Admin, "JE unresponsive; SE to look."));
        g = await _seed.ReportAsync(await _seed.Workflow.GetAsync(g.Id), officer: Seed.OfficerL2, report: "Meter tested; bill revised.");

        var mine = await _seed.Workflow.TrackForComplainantAsync(g.ReferenceNumber, Seed.Citizen);

        mine.Steps.Select(s => (s.Action, s.Text)).Should().Equal(
            (GrievanceAction.Register, null),
            (GrievanceAction.AddNote, "We called you for an update."),
            (GrievanceAction.Escalate, null),
            (GrievanceAction.ReportAction, "Meter tested; bill revised."));
    }

    [Fact]
    public async Task Another_complainant_or_staff_asking_for_the_complainants_view_is_told_nothing_exists()
    {
        var g = await _seed.RegisterAsync();

        foreach (var stranger in new[] { Actor.Complainant("citizen-99"), Seed.Agent, Seed.OfficerL1 })
        {
            var act = async () => await _seed.Workflow.TrackForComplainantAsync(g.ReferenceNumber, stranger);
            (await act.Should().ThrowAsync<GrievanceNotFoundException>()).Which.Message.Should().NotContain(g.Id.ToString());
        }
    }

    [Fact]
    public async Task Tracking_an_unknown_reference_is_a_typed_not_found()
    {
        var act = async () => await _seed.Workflow.TrackAsync(new ReferenceNumber("GRV-000000-NOSUCH00"));

        (await act.Should().ThrowAsync<GrievanceNotFoundException>()).Which.ReferenceNumber.Should().Be(new ReferenceNumber("GRV-000000-NOSUCH00"));
    }

    [Fact]
    public void A_complainants_note_is_never_internal()
    {
        var act = () => new AddNote(GrievanceId.New(), Seed.Citizen, "mine") { IsInternal = true };

        act.Should().Throw<ArgumentException>().WithMessage("A complainant's note is never internal.*");
    }

    public void Dispose() => _seed.Dispose();
}
