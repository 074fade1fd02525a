using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Policies;

public sealed class AuthorizationTests : IDisposable
{
    private readonly Seed _seed = new();

    [Fact]
    public async Task Permitted_actions_depend_on_the_state_and_on_who_asks()
    {
        var g = await _seed.RegisterAsync();

        (await _seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.OfficerL1)).Should().Equal(
            GrievanceAction.ReportAction, GrievanceAction.Transfer, GrievanceAction.Reject, GrievanceAction.MarkDuplicate, GrievanceAction.AddNote,
            GrievanceAction.RequestClarification, GrievanceAction.ExtendDeadline);
        (await _seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.OfficerL2)).Should().Equal(
            GrievanceAction.ReportAction, GrievanceAction.Transfer, GrievanceAction.Reject, GrievanceAction.MarkDuplicate, GrievanceAction.AddNote,
            GrievanceAction.RequestClarification, GrievanceAction.ExtendDeadline);
        (await _seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.Admin)).Should().Contain(GrievanceAction.Escalate);
        (await _seed.Workflow.GetPermittedActionsAsync(g.Id, Actor.System)).Should().BeEmpty("the officer's clock has not run out");
        (await _seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.RevenueOfficer)).Should().BeEmpty();
        (await _seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.Citizen)).Should().Equal(GrievanceAction.Withdraw, GrievanceAction.AddNote);
        (await _seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.Agent)).Should().Equal(GrievanceAction.Transfer, GrievanceAction.MarkDuplicate, GrievanceAction.AddNote);

        g = await _seed.ReportAsync(g);

        (await _seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.Agent)).Should().Equal(
            GrievanceAction.RecordSatisfied, GrievanceAction.RecordDissatisfied, GrievanceAction.RecordUnreachable, GrievanceAction.MarkDuplicate, GrievanceAction.AddNote);
        (await _seed.Workflow.GetPermittedActionsAsync(g.Id, Seed.Citizen)).Should().Equal(
            GrievanceAction.RecordSatisfied, GrievanceAction.RecordDissatisfied, GrievanceAction.Withdraw, GrievanceAction.AddNote);
        (await _seed.Workflow.GetPermittedActionsAsync(g.Id, Actor.System)).Should().BeEmpty("the feedback window is still open");
        _seed.Clock.Advance(TimeSpan.FromDays(8));
        (await _seed.Workflow.GetPermittedActionsAsync(g.Id, Actor.System)).Should().Equal(GrievanceAction.FeedbackWindowExpired);
    }

    [Fact]
    public async Task An_officer_of_another_department_is_refused_with_a_typed_error_and_nothing_is_stored()
    {
        var g = await _seed.RegisterAsync();

        var act = async () => await _seed.Workflow.ExecuteAsync(new ReportAction(g.Id, Seed.RevenueOfficer, "not mine"));

        var error = (await act.Should().ThrowAsync<GrievanceAuthorizationException>()).Which;
        error.Role.Should().Be(ActorRole.Officer);
        error.Action.Should().Be(GrievanceAction.ReportAction);
        error.Message.Should().StartWith($"Officer revenue-l1 may not take the action ReportAction on grievance {g.Id}:");
        (await _seed.Workflow.GetAsync(g.Id)).Version.Should().Be(1);
    }

    [Fact]
    public async Task Another_complainant_cannot_give_feedback_or_withdraw()
    {
        var g = await _seed.ReportAsync(await _seed.RegisterAsync());
        var stranger = Actor.Complainant("citizen-99");

        (await _seed.Workflow.TryExecuteAsync(new RecordFeedback(g.Id, stranger, FeedbackResponse.Satisfied))).Error.Should().BeOfType<GrievanceAuthorizationException>();
        (await _seed.Workflow.TryExecuteAsync(new WithdrawGrievance(g.Id, stranger))).Error.Should().BeOfType<GrievanceAuthorizationException>();
        (await _seed.Workflow.GetAsync(g.Id)).Version.Should().Be(2);
    }

    [Fact]
    public async Task An_officer_cannot_register_a_grievance()
    {
        var command = Seed.Complaint() with { };
        var byOfficer = new RegisterGrievance(Seed.OfficerL1, command.Channel, command.Category, command.Location, command.Complainant, command.Description);

        var result = await _seed.Workflow.TryRegisterAsync(byOfficer);

        result.Error.Should().BeOfType<GrievanceAuthorizationException>().Which.Action.Should().Be(GrievanceAction.Register);
    }

    [Fact]
    public async Task A_complainant_registers_only_for_themselves_while_staff_and_integrations_register_for_anyone()
    {
        var template = Seed.Complaint();
        RegisterGrievance By(Actor actor) => new(actor, template.Channel, template.Category, template.Location, template.Complainant, template.Description);

        var forSomeoneElse = await _seed.Workflow.TryRegisterAsync(By(Actor.Complainant("citizen-99")));
        var forThemselves = await _seed.Workflow.TryRegisterAsync(By(Seed.Citizen));
        var byIntegration = await _seed.Workflow.TryRegisterAsync(By(Actor.System));

        forSomeoneElse.Error.Should().BeOfType<GrievanceAuthorizationException>().Which.Message.Should().Contain("only for themselves").And.NotContain("citizen-42");
        forThemselves.Succeeded.Should().BeTrue();
        byIntegration.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_host_policy_sees_the_complainant_and_channel_of_a_registration()
    {
        using var seed = new Seed(build: b => b.AddAuthorizationPolicy<NoAnonymousWebRegistrations>());

        var web = await seed.Workflow.TryRegisterAsync(Seed.Complaint(channel: Channel.Web) with { });
        var call = await seed.Workflow.TryRegisterAsync(Seed.Complaint());

        web.Error.Should().BeOfType<GrievanceAuthorizationException>().Which.Reason.Should().Be("web registrations need a signed-in complainant, not citizen-42 via web");
        call.Succeeded.Should().BeTrue();
    }

    private sealed class NoAnonymousWebRegistrations : Grievance.Workflow.Authorization.IAuthorizationPolicy
    {
        public ValueTask<Grievance.Workflow.Authorization.AuthorizationDecision> AuthorizeAsync(Grievance.Workflow.Authorization.AuthorizationRequest request, CancellationToken cancellationToken)
            => new(request.Action == GrievanceAction.Register && request.Channel == Channel.Web && request.Actor.Role != ActorRole.Complainant
                ? Grievance.Workflow.Authorization.AuthorizationDecision.Deny($"web registrations need a signed-in complainant, not {request.ComplainantId} via {request.Channel}")
                : Grievance.Workflow.Authorization.AuthorizationDecision.Allow);
    }

    public void Dispose() => _seed.Dispose();
}
