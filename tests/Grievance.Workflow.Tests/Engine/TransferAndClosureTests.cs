using FluentAssertions;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Engine;

public sealed class TransferAndClosureTests : IDisposable
{
    private readonly Seed _seed = new();

    [Fact]
    public async Task A_transfer_starts_afresh_at_the_new_departments_L1_with_a_new_clock()
    {
        var g = await _seed.RegisterAsync();
        g = await _seed.ReportAsync(g);
        g = await _seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);
        _seed.Clock.Advance(TimeSpan.FromDays(1));

        var result = await _seed.Workflow.ExecuteAsync(new TransferGrievance(g.Id, Seed.OfficerL1, Seed.Revenue, "It is a land dispute."));

        var t = result.Grievance;
        t.Status.Should().Be(GrievanceStatus.PendingWithOfficer);
        t.Department.Should().Be(Seed.Revenue);
        t.Officer.Should().Be(Seed.RevenueL1);
        t.Level.Should().Be(1);
        t.ReopenCounts.Should().BeEmpty();
        t.TransferCount.Should().Be(1);
        t.DueAt.Should().Be(Seed.Start.AddDays(12), "transferred on Friday the 6th: a fresh 7 working days end on Saturday the 14th");
        result.Entry.Text.Should().Be("It is a land dispute.");
        result.Entry.Department.Should().Be(Seed.Revenue);
    }

    [Fact]
    public async Task The_fourth_transfer_is_refused_by_the_default_cap_of_three()
    {
        var g = await _seed.RegisterAsync();
        var departments = new[] { Seed.Revenue, Seed.Uppcl, Seed.Revenue };
        foreach (var department in departments)
        {
            g = (await _seed.Workflow.ExecuteAsync(new TransferGrievance(g.Id, Seed.Admin, department, "wrong office"))).Grievance;
        }

        var act = async () => await _seed.Workflow.ExecuteAsync(new TransferGrievance(g.Id, Seed.Admin, Seed.Uppcl, "again"));

        var error = (await act.Should().ThrowAsync<TransferLimitExceededException>()).Which;
        error.Should().BeEquivalentTo(new { GrievanceId = (GrievanceId?)g.Id, TransferCount = 3, Limit = 3 });
        error.Message.Should().Be($"Grievance {g.Id} cannot be transferred again: it was transferred 3 times and the limit is 3.");
        (await _seed.Workflow.GetAsync(g.Id)).Version.Should().Be(4);
        (await _seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.Admin)).Should().NotContain(GrievanceAction.Transfer);
    }

    [Fact]
    public async Task A_transfer_to_the_department_that_holds_it_is_refused()
    {
        var g = await _seed.RegisterAsync();

        var result = await _seed.Workflow.TryExecuteAsync(new TransferGrievance(g.Id, Seed.Admin, Seed.Uppcl, "same"));

        result.Error.Should().BeOfType<GrievanceActionNotAllowedException>().Which.Reason.Should().Be("it is already with department uppcl");
    }

    [Fact]
    public async Task An_unroutable_complaint_waits_in_triage_with_the_reason_until_an_administrator_routes_it()
    {
        var registered = await _seed.Workflow.RegisterAsync(Seed.Complaint("stray-dogs"));

        registered.Grievance.Status.Should().Be(GrievanceStatus.Registered);
        registered.Grievance.Department.Should().BeNull();
        registered.Grievance.DueAt.Should().BeNull();
        registered.Entry.ReasonCode.Should().Be("unroutable");
        registered.Entry.Text.Should().Be("no routing rule or default department matches category 'stray-dogs/billing' in district 'Lucknow' via channel 'helpline-1076'");

        var routed = await _seed.Workflow.ExecuteAsync(new RouteGrievance(registered.Grievance.Id, Seed.Admin, Seed.Uppcl));

        routed.Grievance.Status.Should().Be(GrievanceStatus.PendingWithOfficer);
        routed.Grievance.Officer.Should().Be(Seed.UppclL1, "the routing policy names the department's L1 officer");
        routed.Grievance.DueAt.Should().Be(Seed.Start.AddDays(8));
    }

    [Fact]
    public async Task Three_unreachable_feedback_calls_close_with_no_feedback_which_is_not_resolved()
    {
        var g = await _seed.ReportAsync(await _seed.RegisterAsync());

        g = await _seed.FeedbackAsync(g, FeedbackResponse.NotReachable);
        g = await _seed.FeedbackAsync(g, FeedbackResponse.NotReachable);
        g.Status.Should().Be(GrievanceStatus.AwaitingFeedback);
        g.UnreachableAttempts.Should().Be(2);
        g = await _seed.FeedbackAsync(g, FeedbackResponse.NotReachable);

        g.Status.Should().Be(GrievanceStatus.Closed);
        g.Outcome.Should().Be(GrievanceOutcome.ClosedNoFeedback);
        g.Outcome.CountsAsResolved().Should().BeFalse();
        (await _seed.Workflow.GetHistoryAsync(g.Id))[^1].ReasonCode.Should().Be("unreachable-limit");
    }

    [Fact]
    public async Task Rejection_withdrawal_and_duplicates_close_with_their_own_outcomes_and_data()
    {
        var a = await _seed.RegisterAsync();
        var b = await _seed.RegisterAsync();
        var c = await _seed.RegisterAsync();

        var rejected = (await _seed.Workflow.ExecuteAsync(new RejectGrievance(a.Id, Seed.OfficerL1, "sub-judice", "Matter before the court."))).Grievance;
        var withdrawn = (await _seed.Workflow.ExecuteAsync(new WithdrawGrievance(b.Id, Seed.Citizen, "Sorted out locally."))).Grievance;
        var duplicate = (await _seed.Workflow.ExecuteAsync(new MarkDuplicate(c.Id, Seed.Agent, a.ReferenceNumber))).Grievance;

        rejected.Should().BeEquivalentTo(new { Outcome = GrievanceOutcome.Rejected, RejectionReasonCode = "sub-judice", Status = GrievanceStatus.Closed });
        withdrawn.Outcome.Should().Be(GrievanceOutcome.Withdrawn);
        duplicate.Outcome.Should().Be(GrievanceOutcome.Duplicate);
        duplicate.DuplicateOf.Should().Be(a.ReferenceNumber);
        new[] { rejected, withdrawn, duplicate }.Should().OnlyContain(g => !g.Outcome.CountsAsResolved() && g.ClosedAt == Seed.Start && g.DueAt == null);
    }

    public void Dispose() => _seed.Dispose();
}
