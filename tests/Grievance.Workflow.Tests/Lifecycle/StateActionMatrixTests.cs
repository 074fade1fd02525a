using FluentAssertions;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Lifecycle;

/// <summary>Every state × every action: allowed and applied, or refused with a typed error that names the state and what is allowed.</summary>
public sealed class StateActionMatrixTests
{
    private static readonly GrievanceAction[] Actions = Enum.GetValues<GrievanceAction>().Where(a => a != GrievanceAction.Register).ToArray();

    private static readonly Dictionary<string, GrievanceAction[]> Allowed = new()
    {
        [States.Triage] = [GrievanceAction.Route, GrievanceAction.Reject, GrievanceAction.Withdraw, GrievanceAction.MarkDuplicate, GrievanceAction.AddNote],
        [States.Pending] = [GrievanceAction.ReportAction, GrievanceAction.Transfer, GrievanceAction.Reject, GrievanceAction.Withdraw, GrievanceAction.MarkDuplicate, GrievanceAction.AddNote,
            GrievanceAction.RequestClarification, GrievanceAction.ExtendDeadline, GrievanceAction.Escalate, GrievanceAction.SlaBreach, GrievanceAction.ProposeSpecialClosure],
        [States.Awaiting] = [GrievanceAction.RecordSatisfied, GrievanceAction.RecordDissatisfied, GrievanceAction.RecordUnreachable, GrievanceAction.Withdraw, GrievanceAction.MarkDuplicate, GrievanceAction.AddNote,
            GrievanceAction.FeedbackWindowExpired],
        [States.Clarification] = [GrievanceAction.Withdraw, GrievanceAction.MarkDuplicate, GrievanceAction.AddNote, GrievanceAction.ProvideClarification],
        [States.SpecialClosure] = [GrievanceAction.Withdraw, GrievanceAction.MarkDuplicate, GrievanceAction.AddNote, GrievanceAction.AcceptSpecialClosure, GrievanceAction.RejectSpecialClosure],
        [States.UnderAppeal] = [GrievanceAction.AddNote, GrievanceAction.UpholdClosure, GrievanceAction.AllowAppeal],
        [nameof(GrievanceOutcome.ClosedAtFinalLevel)] = [GrievanceAction.Appeal],
        [nameof(GrievanceOutcome.ClosedNoFeedback)] = [GrievanceAction.Appeal],
        [nameof(GrievanceOutcome.Rejected)] = [GrievanceAction.Appeal],
        [nameof(GrievanceOutcome.SpecialClosed)] = [GrievanceAction.Appeal],
    };

    public static TheoryData<string, GrievanceAction> Pairs()
    {
        var data = new TheoryData<string, GrievanceAction>();
        foreach (var state in States.All)
        {
            foreach (var action in Actions)
            {
                data.Add(state, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Each_state_takes_exactly_its_actions_and_refuses_the_rest_with_a_typed_error(string state, GrievanceAction action)
    {
        // Special closures and appeals on (off by default: their own suites show the options' guards), appeals against every
        // closure but a resolution (which also asks the rating: the appeal suite covers it); reopening off, as by default.
        using var seed = new Seed(o =>
        {
            (o.SpecialClosure.Enabled, o.Appeals.Enabled, o.Appeals.Window) = (true, true, TimeSpan.FromDays(365)); // timers move the clock 60 days
            o.Appeals.Outcomes.Clear();
            o.Appeals.Outcomes.UnionWith([GrievanceOutcome.ClosedAtFinalLevel, GrievanceOutcome.ClosedNoFeedback, GrievanceOutcome.Rejected, GrievanceOutcome.SpecialClosed]);
        });
        var g = await States.ReachAsync(seed, state);
        var command = await States.CommandAsync(seed, action, g);
        var allowedHere = Allowed.GetValueOrDefault(state, []);

        var result = await seed.Workflow.TryExecuteAsync(command);

        var after = await seed.Workflow.GetAsync(g.Id);
        var history = await seed.Workflow.GetHistoryAsync(g.Id);
        if (allowedHere.Contains(action))
        {
            result.Succeeded.Should().BeTrue(result.Succeeded ? null : result.Error.Message);
            result.Value!.Entry.Action.Should().Be(action);
            after.Version.Should().Be(g.Version + 1);
            history.Should().HaveCount((int)after.Version);
        }
        else
        {
            result.Succeeded.Should().BeFalse();
            var error = result.Error.Should().BeOfType<GrievanceActionNotAllowedException>().Subject;
            error.GrievanceId.Should().Be(g.Id);
            error.Action.Should().Be(action);
            error.Status.Should().Be(g.Status);
            error.Outcome.Should().Be(g.Outcome);
            error.AllowedActions.Should().Equal(allowedHere);
            error.Message.Should().Contain(g.Id.ToString()).And.Contain(action.ToString()).And.Contain(g.Status.ToString());
            after.Should().Be(g, "a refused command stores nothing");
            history.Should().HaveCount((int)g.Version);
            await FluentActions.Awaiting(async () => await seed.Workflow.ExecuteAsync(command))
                .Should().ThrowAsync<GrievanceActionNotAllowedException>();
        }
    }

    [Fact]
    public async Task Closed_grievances_allow_no_action_at_all_and_say_so()
    {
        using var seed = new Seed();
        var g = await States.ReachAsync(seed, nameof(GrievanceOutcome.Resolved));

        var act = async () => await seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.Admin, "late note"));

        (await act.Should().ThrowAsync<GrievanceActionNotAllowedException>())
            .Which.Message.Should().Be($"Grievance {g.Id} is Closed (Resolved): AddNote is not allowed. Allowed now: none.");
    }
}
