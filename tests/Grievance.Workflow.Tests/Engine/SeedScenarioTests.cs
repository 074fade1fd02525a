using FluentAssertions;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Engine;

/// <summary>The CM Helpline 1076 flow from the seed: L1, feedback, a second round at L1, then L2, which may dispose.</summary>
public sealed class SeedScenarioTests : IDisposable
{
    private readonly Seed _seed = new();

    [Fact]
    public async Task Registration_routes_to_the_departments_L1_officer_with_a_seven_day_clock()
    {
        var result = await _seed.Workflow.RegisterAsync(Seed.Complaint());

        var g = result.Grievance;
        g.Status.Should().Be(GrievanceStatus.PendingWithOfficer);
        g.Level.Should().Be(1);
        g.Department.Should().Be(Seed.Uppcl);
        g.Officer.Should().Be(Seed.UppclL1);
        g.DueAt.Should().Be(Seed.Start.AddDays(8), "7 working days from Monday, Sunday off, end on the next Tuesday");
        g.Version.Should().Be(1);
        g.ReferenceNumber.Value.Should().MatchRegex("^GRV-261102-[0-9A-HJKMNP-TV-Z]{8}$");
        result.Entry.Should().BeEquivalentTo(new
        {
            Sequence = 1L,
            Action = GrievanceAction.Register,
            FromStatus = GrievanceStatus.Registered,
            ToStatus = GrievanceStatus.PendingWithOfficer,
            FromLevel = 1,
            ToLevel = 1,
            Department = (DepartmentId?)Seed.Uppcl,
            Officer = (OfficerId?)Seed.UppclL1,
            OccurredAt = Seed.Start,
            Actor = Seed.Agent,
        });
    }

    [Fact]
    public async Task Satisfied_at_the_first_feedback_closes_as_resolved()
    {
        var g = await _seed.RegisterAsync();
        g = await _seed.ReportAsync(g);
        g = await _seed.FeedbackAsync(g, FeedbackResponse.Satisfied);

        g.Status.Should().Be(GrievanceStatus.Closed);
        g.Outcome.Should().Be(GrievanceOutcome.Resolved);
        g.Outcome.CountsAsResolved().Should().BeTrue();
        g.ClosedAt.Should().Be(Seed.Start.AddDays(3));
        g.DueAt.Should().BeNull();
        await AssertHistoryAsync(g,
            (GrievanceAction.Register, GrievanceStatus.Registered, 1, GrievanceStatus.PendingWithOfficer, 1, null),
            (GrievanceAction.ReportAction, GrievanceStatus.PendingWithOfficer, 1, GrievanceStatus.AwaitingFeedback, 1, null),
            (GrievanceAction.RecordSatisfied, GrievanceStatus.AwaitingFeedback, 1, GrievanceStatus.Closed, 1, null));
    }

    [Fact]
    public async Task Dissatisfied_once_sends_it_back_to_L1_and_then_satisfied_closes_it()
    {
        var g = await _seed.RegisterAsync();
        g = await _seed.ReportAsync(g);
        g = await _seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied, "Meter not replaced.");

        g.Status.Should().Be(GrievanceStatus.PendingWithOfficer);
        g.Level.Should().Be(1);
        g.Officer.Should().Be(Seed.UppclL1);
        g.ReopensAt(1).Should().Be(1);
        g.DueAt.Should().Be(Seed.Start.AddDays(11), "the reopened round (Thursday) gets a fresh 7-working-day limit, ending the next Friday but one");

        g = await _seed.ReportAsync(g, report: "Meter replaced.");
        g = await _seed.FeedbackAsync(g, FeedbackResponse.Satisfied);

        g.Outcome.Should().Be(GrievanceOutcome.Resolved);
        var history = await AssertHistoryAsync(g,
            (GrievanceAction.Register, GrievanceStatus.Registered, 1, GrievanceStatus.PendingWithOfficer, 1, null),
            (GrievanceAction.ReportAction, GrievanceStatus.PendingWithOfficer, 1, GrievanceStatus.AwaitingFeedback, 1, null),
            (GrievanceAction.RecordDissatisfied, GrievanceStatus.AwaitingFeedback, 1, GrievanceStatus.PendingWithOfficer, 1, "reopened"),
            (GrievanceAction.ReportAction, GrievanceStatus.PendingWithOfficer, 1, GrievanceStatus.AwaitingFeedback, 1, null),
            (GrievanceAction.RecordSatisfied, GrievanceStatus.AwaitingFeedback, 1, GrievanceStatus.Closed, 1, null));
        history[2].Text.Should().Be("Meter not replaced.");
        history[3].Text.Should().Be("Meter replaced.");
    }

    [Fact]
    public async Task Dissatisfied_twice_goes_to_L2_whose_disposal_can_satisfy()
    {
        var g = await ToL2Async();

        g = await _seed.ReportAsync(g, Seed.OfficerL2, "L2 ordered a fresh meter reading; bill revised.");
        g = await _seed.FeedbackAsync(g, FeedbackResponse.Satisfied);

        g.Outcome.Should().Be(GrievanceOutcome.Resolved);
        await AssertHistoryAsync(g,
            (GrievanceAction.Register, GrievanceStatus.Registered, 1, GrievanceStatus.PendingWithOfficer, 1, null),
            (GrievanceAction.ReportAction, GrievanceStatus.PendingWithOfficer, 1, GrievanceStatus.AwaitingFeedback, 1, null),
            (GrievanceAction.RecordDissatisfied, GrievanceStatus.AwaitingFeedback, 1, GrievanceStatus.PendingWithOfficer, 1, "reopened"),
            (GrievanceAction.ReportAction, GrievanceStatus.PendingWithOfficer, 1, GrievanceStatus.AwaitingFeedback, 1, null),
            (GrievanceAction.RecordDissatisfied, GrievanceStatus.AwaitingFeedback, 1, GrievanceStatus.PendingWithOfficer, 2, "escalated"),
            (GrievanceAction.ReportAction, GrievanceStatus.PendingWithOfficer, 2, GrievanceStatus.AwaitingFeedback, 2, null),
            (GrievanceAction.RecordSatisfied, GrievanceStatus.AwaitingFeedback, 2, GrievanceStatus.Closed, 2, null));
    }

    [Fact]
    public async Task Dissatisfied_with_L2s_disposal_closes_at_the_final_level_which_is_not_resolved()
    {
        var g = await ToL2Async();

        g = await _seed.ReportAsync(g, Seed.OfficerL2, "Complaint examined; bill is correct as per meter.");
        g = await _seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied, "I disagree.");

        g.Status.Should().Be(GrievanceStatus.Closed);
        g.Outcome.Should().Be(GrievanceOutcome.ClosedAtFinalLevel);
        g.Outcome.CountsAsResolved().Should().BeFalse();
        g.Version.Should().Be(7);
        var history = await AssertHistoryAsync(g,
            (GrievanceAction.Register, GrievanceStatus.Registered, 1, GrievanceStatus.PendingWithOfficer, 1, null),
            (GrievanceAction.ReportAction, GrievanceStatus.PendingWithOfficer, 1, GrievanceStatus.AwaitingFeedback, 1, null),
            (GrievanceAction.RecordDissatisfied, GrievanceStatus.AwaitingFeedback, 1, GrievanceStatus.PendingWithOfficer, 1, "reopened"),
            (GrievanceAction.ReportAction, GrievanceStatus.PendingWithOfficer, 1, GrievanceStatus.AwaitingFeedback, 1, null),
            (GrievanceAction.RecordDissatisfied, GrievanceStatus.AwaitingFeedback, 1, GrievanceStatus.PendingWithOfficer, 2, "escalated"),
            (GrievanceAction.ReportAction, GrievanceStatus.PendingWithOfficer, 2, GrievanceStatus.AwaitingFeedback, 2, null),
            (GrievanceAction.RecordDissatisfied, GrievanceStatus.AwaitingFeedback, 2, GrievanceStatus.Closed, 2, "closed-at-final-level"));
        history[^1].Outcome.Should().Be(GrievanceOutcome.ClosedAtFinalLevel);
        history.Select(e => e.OccurredAt).Should().BeInAscendingOrder();
        history.Should().OnlyContain(e => e.GrievanceId == g.Id);
    }

    private async Task<GrievanceSnapshot> ToL2Async()
    {
        var g = await _seed.RegisterAsync();
        g = await _seed.ReportAsync(g);
        g = await _seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);
        g = await _seed.ReportAsync(g);
        g = await _seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);
        g.Status.Should().Be(GrievanceStatus.PendingWithOfficer);
        g.Level.Should().Be(2);
        g.Officer.Should().Be(Seed.UppclL2);
        g.Department.Should().Be(Seed.Uppcl);
        return g;
    }

    private async Task<IReadOnlyList<HistoryEntry>> AssertHistoryAsync(GrievanceSnapshot g, params (GrievanceAction Action, GrievanceStatus From, int FromLevel, GrievanceStatus To, int ToLevel, string? ReasonCode)[] expected)
    {
        var history = await _seed.Workflow.GetHistoryAsync(g.Id);
        history.Select(e => (e.Action, e.FromStatus, e.FromLevel, e.ToStatus, e.ToLevel, e.ReasonCode))
            .Should().Equal(expected);
        history.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, expected.Length).Select(i => (long)i));
        g.Version.Should().Be(expected.Length);
        return history;
    }

    public void Dispose() => _seed.Dispose();
}
