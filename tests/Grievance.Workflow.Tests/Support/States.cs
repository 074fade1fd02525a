namespace Grievance.Workflow.Tests.Support;

/// <summary>Brings a fresh grievance into each state of the lifecycle through the public API.</summary>
public static class States
{
    public const string Triage = "Registered (triage)";
    public const string Pending = "PendingWithOfficer";
    public const string Awaiting = "AwaitingFeedback";
    public const string Clarification = "AwaitingClarification";

    /// <summary>A special closure proposed (needs a seed with special closures enabled, as does <see cref="GrievanceOutcome.SpecialClosed"/>).</summary>
    public const string SpecialClosure = "AwaitingSpecialClosure";

    /// <summary>A rejection under appeal (needs a seed with appeals enabled).</summary>
    public const string UnderAppeal = "UnderAppeal";

    public static readonly string[] All =
    [
        Triage, Pending, Awaiting, Clarification, SpecialClosure, UnderAppeal,
        nameof(GrievanceOutcome.Resolved), nameof(GrievanceOutcome.ClosedAtFinalLevel), nameof(GrievanceOutcome.ClosedNoFeedback),
        nameof(GrievanceOutcome.Rejected), nameof(GrievanceOutcome.Withdrawn), nameof(GrievanceOutcome.Duplicate), nameof(GrievanceOutcome.SpecialClosed),
    ];

    public static async Task<GrievanceSnapshot> ReachAsync(Seed seed, string state)
    {
        var w = seed.Workflow;
        if (state == Triage)
        {
            return await seed.RegisterAsync("stray-dogs");
        }

        var g = await seed.RegisterAsync();
        switch (state)
        {
            case Pending:
                return g;
            case Clarification:
                return (await w.ExecuteAsync(new RequestClarification(g.Id, Seed.OfficerL1, "Which meter number?"))).Grievance;
            case SpecialClosure:
                return (await w.ExecuteAsync(new ProposeSpecialClosure(g.Id, Seed.OfficerL1, "sub-judice", "Pending before the High Court."))).Grievance;
            case nameof(GrievanceOutcome.SpecialClosed):
                await w.ExecuteAsync(new ProposeSpecialClosure(g.Id, Seed.OfficerL1, "sub-judice", "Pending before the High Court."));
                return (await w.ExecuteAsync(new AcceptSpecialClosure(g.Id, Seed.OfficerL2, "Writ petition pending."))).Grievance;
            case nameof(GrievanceOutcome.Rejected):
                return (await w.ExecuteAsync(new RejectGrievance(g.Id, Seed.OfficerL1, "not-maintainable"))).Grievance;
            case UnderAppeal:
                await w.ExecuteAsync(new RejectGrievance(g.Id, Seed.OfficerL1, "not-maintainable"));
                return (await w.ExecuteAsync(new AppealGrievance(g.Id, Seed.Citizen, "It is maintainable: the meter is the utility's."))).Grievance;
            case nameof(GrievanceOutcome.Withdrawn):
                return (await w.ExecuteAsync(new WithdrawGrievance(g.Id, Seed.Citizen))).Grievance;
            case nameof(GrievanceOutcome.Duplicate):
                var original = await seed.RegisterAsync();
                return (await w.ExecuteAsync(new MarkDuplicate(g.Id, Seed.Agent, original.ReferenceNumber))).Grievance;
        }

        g = await seed.ReportAsync(g);
        switch (state)
        {
            case Awaiting:
                return g;
            case nameof(GrievanceOutcome.Resolved):
                return await seed.FeedbackAsync(g, FeedbackResponse.Satisfied);
            case nameof(GrievanceOutcome.ClosedNoFeedback):
                for (var i = 0; i < 3; i++)
                {
                    g = await seed.FeedbackAsync(g, FeedbackResponse.NotReachable);
                }

                return g;
            case nameof(GrievanceOutcome.ClosedAtFinalLevel):
                g = await seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);
                g = await seed.ReportAsync(g);
                g = await seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);
                g = await seed.ReportAsync(g, Seed.OfficerL2);
                return await seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }
    }

    /// <summary>A command for each action, issued by an actor the default authorization allows.</summary>
    public static async Task<GrievanceCommand> CommandAsync(Seed seed, GrievanceAction action, GrievanceSnapshot g) => action switch
    {
        GrievanceAction.Route => new RouteGrievance(g.Id, Seed.Admin, Seed.Uppcl),
        GrievanceAction.ReportAction => new ReportAction(g.Id, Seed.Admin, "Action taken."),
        GrievanceAction.RecordSatisfied => new RecordFeedback(g.Id, Seed.Agent, FeedbackResponse.Satisfied, rating: 5),
        GrievanceAction.RecordDissatisfied => new RecordFeedback(g.Id, Seed.Agent, FeedbackResponse.Dissatisfied, "Not done."),
        GrievanceAction.RecordUnreachable => new RecordFeedback(g.Id, Seed.Agent, FeedbackResponse.NotReachable),
        GrievanceAction.Transfer => new TransferGrievance(g.Id, Seed.Admin, Seed.Revenue, "Land records, not electricity."),
        GrievanceAction.Reject => new RejectGrievance(g.Id, Seed.Admin, "sub-judice"),
        GrievanceAction.Withdraw => new WithdrawGrievance(g.Id, Seed.Admin, "Complainant asked to withdraw."),
        GrievanceAction.MarkDuplicate => new MarkDuplicate(g.Id, Seed.Admin, (await seed.RegisterAsync()).ReferenceNumber),
        GrievanceAction.AddNote => new AddNote(g.Id, Seed.Admin, "Called the sub-station."),
        GrievanceAction.RequestClarification => new RequestClarification(g.Id, Seed.Admin, "Which meter number?"),
        GrievanceAction.ProvideClarification => new ProvideClarification(g.Id, Seed.Agent, "Meter 4471."),
        GrievanceAction.ExtendDeadline => new ExtendDeadline(g.Id, Seed.Admin, (g.DueAt ?? seed.Clock.GetUtcNow()).AddDays(3), "Awaiting the lineman's report."),
        GrievanceAction.Escalate => new EscalateGrievance(g.Id, Seed.Admin, "Repeated complaints from this ward."),
        GrievanceAction.SlaBreach => Due(seed, g, GrievanceAction.SlaBreach),
        GrievanceAction.FeedbackWindowExpired => Due(seed, g, GrievanceAction.FeedbackWindowExpired),
        GrievanceAction.ReopenByComplainant => new ReopenGrievance(g.Id, Seed.Admin, "The bill is wrong again."),
        GrievanceAction.ProposeSpecialClosure => new ProposeSpecialClosure(g.Id, Seed.Admin, "policy-matter", "A matter of state policy."),
        GrievanceAction.AcceptSpecialClosure => new AcceptSpecialClosure(g.Id, Seed.Admin),
        GrievanceAction.RejectSpecialClosure => new RejectSpecialClosure(g.Id, Seed.Admin, "Not a policy matter: act on it."),
        GrievanceAction.Appeal => new AppealGrievance(g.Id, Seed.Admin, "The disposal is wrong."),
        GrievanceAction.UpholdClosure => new UpholdClosure(g.Id, Seed.Admin, "The closure stands."),
        GrievanceAction.AllowAppeal => new AllowAppeal(g.Id, Seed.Admin, 1, "Act on it again."),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>Lets every timer run out, then makes the sweeper's command with the token it would read.</summary>
    private static HandleDueWork Due(Seed seed, GrievanceSnapshot g, GrievanceAction kind)
    {
        seed.Clock.Advance(TimeSpan.FromDays(60));
        return new HandleDueWork(g.Id, Actor.System, kind, g.TimerToken);
    }
}
