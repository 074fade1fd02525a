using FluentAssertions;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Tracking;

public sealed class TrackingTests : IDisposable
{
    private readonly Seed _seed = new();

    [Fact]
    public async Task A_complainant_tracks_by_reference_and_sees_no_internal_note_and_no_staff_id()
    {
        var g = await _seed.RegisterAsync();
        await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.OfficerL1, "Line staff suspect meter tampering.") { IsInternal = true });
        await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.Agent, "Complainant called to ask for an update."));
        g = await _seed.ReportAsync(await _seed.Workflow.GetAsync(g.Id), report: "Meter tested; bill revised.");

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
            (GrievanceAction.AddNote, ActorRole.HelplineAgent, "Complainant called to ask for an update."),
            (GrievanceAction.ReportAction, ActorRole.Officer, "Meter tested; bill revised."));
        tracking.ToString().Should().NotContain("uppcl-l1").And.NotContain("tampering");
        (await _seed.Workflow.GetHistoryAsync(g.Id)).Should().Contain(e => e.IsInternal && e.Text == "Line staff suspect meter tampering.", "the audit trail keeps it");
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
