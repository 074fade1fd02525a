using FluentAssertions;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Policies;

/// <summary>
/// Every action × every kind of actor under the default authorization, through the engine: allowed and applied, or refused with a
/// typed error naming the role and the action, and nothing stored. Each action is tried in a state whose lifecycle allows it.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private static readonly Dictionary<string, Actor> Actors = new()
    {
        ["own complainant"] = Seed.Citizen,
        ["other complainant"] = Actor.Complainant("citizen-99"),
        ["helpline agent"] = Seed.Agent,
        ["holding officer (L1)"] = Seed.OfficerL1,
        ["officer above (L2)"] = Seed.OfficerL2,
        ["officer of another department"] = Seed.RevenueOfficer,
        ["administrator"] = Seed.Admin,
        ["system"] = Actor.System,
    };

    private static readonly string[] Officers = ["holding officer (L1)", "officer above (L2)"];

    private static readonly Dictionary<GrievanceAction, string[]> Allowed = new()
    {
        [GrievanceAction.Register] = ["own complainant", "helpline agent", "administrator", "system"], // a complainant only for themselves
        [GrievanceAction.Route] = ["administrator", "system"],
        [GrievanceAction.ReportAction] = [.. Officers, "administrator"],
        [GrievanceAction.Reject] = [.. Officers, "administrator"],
        [GrievanceAction.Transfer] = [.. Officers, "administrator", "helpline agent"],
        [GrievanceAction.RecordSatisfied] = ["helpline agent", "own complainant"],
        [GrievanceAction.RecordDissatisfied] = ["helpline agent", "own complainant"],
        [GrievanceAction.RecordUnreachable] = ["helpline agent"],
        [GrievanceAction.Withdraw] = ["own complainant", "administrator"],
        [GrievanceAction.MarkDuplicate] = ["helpline agent", "administrator", .. Officers],
        [GrievanceAction.AddNote] = ["own complainant", "helpline agent", "administrator", .. Officers],
        [GrievanceAction.RequestClarification] = [.. Officers, "administrator"],
        [GrievanceAction.ExtendDeadline] = [.. Officers, "administrator"],
        [GrievanceAction.ProvideClarification] = ["own complainant", "helpline agent"],
        [GrievanceAction.Escalate] = ["administrator"],
        [GrievanceAction.SlaBreach] = ["system"],
        [GrievanceAction.FeedbackWindowExpired] = ["system"],
        [GrievanceAction.ReopenByComplainant] = ["own complainant", "helpline agent", "administrator"],
        [GrievanceAction.ProposeSpecialClosure] = [.. Officers, "administrator"],
        [GrievanceAction.AcceptSpecialClosure] = ["officer above (L2)", "administrator"], // the approving level (2) and above the grievance's
        [GrievanceAction.RejectSpecialClosure] = ["officer above (L2)", "administrator"],
        [GrievanceAction.Appeal] = ["own complainant", "helpline agent", "administrator"],
        [GrievanceAction.UpholdClosure] = ["officer above (L2)", "administrator"], // the appellate level: the top of the ladder
        [GrievanceAction.AllowAppeal] = ["officer above (L2)", "administrator"],
    };

    public static TheoryData<GrievanceAction, string> Pairs()
    {
        var data = new TheoryData<GrievanceAction, string>();
        foreach (var action in Enum.GetValues<GrievanceAction>())
        {
            foreach (var actor in Actors.Keys)
            {
                data.Add(action, actor);
            }
        }

        return data;
    }

    [Fact]
    public void The_expectation_table_covers_every_action()
    {
        Allowed.Keys.Should().BeEquivalentTo(Enum.GetValues<GrievanceAction>());
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Each_role_may_take_exactly_its_actions_and_a_refusal_stores_nothing(GrievanceAction action, string who)
    {
        using var seed = new Seed(o => (o.Reopen.Enabled, o.SpecialClosure.Enabled, o.Appeals.Enabled) = (true, true, true));
        var actor = Actors[who];
        var allowed = Allowed[action].Contains(who);

        if (action == GrievanceAction.Register)
        {
            var template = Seed.Complaint();
            var register = new RegisterGrievance(actor, template.Channel, template.Category, template.Location, template.Complainant, template.Description);
            var registered = await seed.Workflow.TryRegisterAsync(register);
            registered.Succeeded.Should().Be(allowed, registered.Succeeded ? null : registered.Error.Message);
            return;
        }

        var g = await StateFor(seed, action);
        var command = CommandFor(seed, action, g, actor);

        var result = await seed.Workflow.TryExecuteAsync(command);

        var after = await seed.Workflow.GetAsync(g.Id);
        if (allowed)
        {
            result.Succeeded.Should().BeTrue(result.Succeeded ? null : result.Error.Message);
            after.Version.Should().Be(g.Version + 1);
        }
        else
        {
            var error = result.Error.Should().BeOfType<GrievanceAuthorizationException>().Subject;
            error.Role.Should().Be(actor.Role);
            error.Action.Should().Be(action);
            error.Message.Should().StartWith($"{actor.Role} {actor.Id} may not take the action {action} on grievance {g.Id}:");
            after.Should().Be(g, "a refused command stores nothing");
        }
    }

    private static async Task<GrievanceSnapshot> StateFor(Seed seed, GrievanceAction action) => action switch
    {
        GrievanceAction.Route => await States.ReachAsync(seed, States.Triage),
        GrievanceAction.RecordSatisfied or GrievanceAction.RecordDissatisfied or GrievanceAction.RecordUnreachable or GrievanceAction.FeedbackWindowExpired
            => await States.ReachAsync(seed, States.Awaiting),
        GrievanceAction.ProvideClarification => await States.ReachAsync(seed, States.Clarification),
        GrievanceAction.ReopenByComplainant => await States.ReachAsync(seed, nameof(GrievanceOutcome.Resolved)),
        GrievanceAction.AcceptSpecialClosure or GrievanceAction.RejectSpecialClosure => await States.ReachAsync(seed, States.SpecialClosure),
        GrievanceAction.Appeal => await States.ReachAsync(seed, nameof(GrievanceOutcome.Rejected)),
        GrievanceAction.UpholdClosure or GrievanceAction.AllowAppeal => await States.ReachAsync(seed, States.UnderAppeal),
        _ => await States.ReachAsync(seed, States.Pending),
    };

    private static GrievanceCommand CommandFor(Seed seed, GrievanceAction action, GrievanceSnapshot g, Actor actor)
    {
        switch (action)
        {
            case GrievanceAction.Route: return new RouteGrievance(g.Id, actor, Seed.Uppcl);
            case GrievanceAction.ReportAction: return new ReportAction(g.Id, actor, "Done.");
            case GrievanceAction.Reject: return new RejectGrievance(g.Id, actor, "not-maintainable");
            case GrievanceAction.Transfer: return new TransferGrievance(g.Id, actor, Seed.Revenue, "Land matter.");
            case GrievanceAction.RecordSatisfied: return new RecordFeedback(g.Id, actor, FeedbackResponse.Satisfied);
            case GrievanceAction.RecordDissatisfied: return new RecordFeedback(g.Id, actor, FeedbackResponse.Dissatisfied, "No.");
            case GrievanceAction.RecordUnreachable: return new RecordFeedback(g.Id, actor, FeedbackResponse.NotReachable);
            case GrievanceAction.Withdraw: return new WithdrawGrievance(g.Id, actor);
            case GrievanceAction.MarkDuplicate: return new MarkDuplicate(g.Id, actor, seed.Workflow.RegisterAsync(Seed.Complaint()).AsTask().GetAwaiter().GetResult().Grievance.ReferenceNumber);
            case GrievanceAction.AddNote: return new AddNote(g.Id, actor, "Note.");
            case GrievanceAction.RequestClarification: return new RequestClarification(g.Id, actor, "Which meter?");
            case GrievanceAction.ExtendDeadline: return new ExtendDeadline(g.Id, actor, g.DueAt!.Value.AddDays(2), "Interim reply.");
            case GrievanceAction.ProvideClarification: return new ProvideClarification(g.Id, actor, "Meter 4471.");
            case GrievanceAction.Escalate: return new EscalateGrievance(g.Id, actor, "By hand.");
            case GrievanceAction.ReopenByComplainant: return new ReopenGrievance(g.Id, actor, "The bill is wrong again.");
            case GrievanceAction.ProposeSpecialClosure: return new ProposeSpecialClosure(g.Id, actor, "sub-judice", "Pending before the High Court.");
            case GrievanceAction.AcceptSpecialClosure: return new AcceptSpecialClosure(g.Id, actor);
            case GrievanceAction.RejectSpecialClosure: return new RejectSpecialClosure(g.Id, actor, "Not sub judice: act on it.");
            case GrievanceAction.Appeal: return new AppealGrievance(g.Id, actor, "It is maintainable.");
            case GrievanceAction.UpholdClosure: return new UpholdClosure(g.Id, actor, "The rejection stands.");
            case GrievanceAction.AllowAppeal: return new AllowAppeal(g.Id, actor, 1, "Act on it.");
            case GrievanceAction.SlaBreach or GrievanceAction.FeedbackWindowExpired:
                seed.Clock.Advance(TimeSpan.FromDays(30));
                return new HandleDueWork(g.Id, actor, action, g.TimerToken);
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }
}
