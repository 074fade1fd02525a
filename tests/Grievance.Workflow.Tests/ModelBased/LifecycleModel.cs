namespace Grievance.Workflow.Tests.ModelBased;

/// <summary>
/// An independent model of the lifecycle under the default options (two levels, one second round at L1, three transfers, two
/// extensions per officer clock, three unreachable calls) and the default authorization rules, written from the README's tables,
/// not from the engine's code. It predicts, for each command, whether it is applied, replayed or refused and with which error, and
/// what the grievance looks like afterwards.
/// </summary>
public sealed class LifecycleModel
{
    public static readonly Actor[] Actors =
    [
        Actor.HelplineAgent("agent-7"),
        Actor.Administrator("admin-1"),
        Actor.Complainant("citizen-42"),
        Actor.Complainant("citizen-99"),
        Actor.Officer(new OfficerId("uppcl-l1"), new DepartmentId("uppcl"), 1),
        Actor.Officer(new OfficerId("uppcl-l2"), new DepartmentId("uppcl"), 2),
        Actor.Officer(new OfficerId("revenue-l1"), new DepartmentId("revenue"), 1),
        Actor.Officer(new OfficerId("revenue-l2"), new DepartmentId("revenue"), 2),
        Actor.System,
    ];

    public const int Levels = 2;
    public const int MaxTransfers = 3;
    public const int MaxExtensions = 2;
    public const int MaxUnreachable = 3;

    private readonly Dictionary<int, (int Target, GrievanceAction Action, Actor Actor, string Payload, long Sequence)> _commandIds = new();

    public ModelGrievance[] Grievances { get; } = [new(), new()];

    /// <summary>The actor the rules let take a step's action on a grievance as it is now (used when a step asks for the right actor).</summary>
    public static Actor RightActorFor(StepKind kind, ModelGrievance g) => kind switch
    {
        StepKind.Report or StepKind.RequestClarification or StepKind.ExtendWithinRange or StepKind.ExtendForever or StepKind.ExtendBackwards
            => Actor.Officer(new OfficerId($"{g.Department}-l{g.Level}"), new DepartmentId(g.Department), g.Level),
        StepKind.Withdraw or StepKind.ProvideClarification => Actors[2],
        StepKind.Reject or StepKind.Escalate or StepKind.Route => Actors[1],
        StepKind.StaleSweep => Actor.System,
        _ => Actors[0],
    };

    public static GrievanceAction ActionOf(StepKind kind) => kind switch
    {
        StepKind.Report => GrievanceAction.ReportAction,
        StepKind.Satisfied => GrievanceAction.RecordSatisfied,
        StepKind.Dissatisfied => GrievanceAction.RecordDissatisfied,
        StepKind.Unreachable => GrievanceAction.RecordUnreachable,
        StepKind.Transfer => GrievanceAction.Transfer,
        StepKind.Reject => GrievanceAction.Reject,
        StepKind.Withdraw => GrievanceAction.Withdraw,
        StepKind.Note => GrievanceAction.AddNote,
        StepKind.RequestClarification => GrievanceAction.RequestClarification,
        StepKind.ProvideClarification => GrievanceAction.ProvideClarification,
        StepKind.ExtendWithinRange or StepKind.ExtendForever or StepKind.ExtendBackwards => GrievanceAction.ExtendDeadline,
        StepKind.Escalate => GrievanceAction.Escalate,
        StepKind.MarkDuplicateOfOther => GrievanceAction.MarkDuplicate,
        StepKind.StaleSweep => GrievanceAction.SlaBreach,
        _ => GrievanceAction.Route,
    };

    /// <summary>Predicts a step and, when it is applied, moves the model on.</summary>
    /// <param name="step">The step.</param>
    /// <param name="actor">Who takes it.</param>
    /// <param name="payload">Everything of the command besides action, grievance and actor, as the harness built it.</param>
    /// <returns>What the engine must answer.</returns>
    public Expectation Apply(ModelStep step, Actor actor, string payload)
    {
        var g = Grievances[step.Target];
        var action = ActionOf(step.Kind);
        if (step.CommandId is { } id && _commandIds.TryGetValue(id, out var first))
        {
            var differences = CommandIdDifferences.Unknown;
            differences |= first.Action != action ? CommandIdDifferences.Action : 0;
            differences |= first.Target != step.Target ? CommandIdDifferences.Grievance : 0;
            differences |= first.Actor != actor ? CommandIdDifferences.Actor : 0;
            if (differences == CommandIdDifferences.Unknown && first.Payload != payload)
            {
                differences = CommandIdDifferences.Payload;
            }

            return differences == CommandIdDifferences.Unknown ? Expectation.Replayed(first.Sequence) : Expectation.Refused<CommandIdConflictException>(differences);
        }

        if (step.Version == VersionChoice.Stale)
        {
            return Expectation.Refused<GrievanceConcurrencyException>();
        }

        if (!Authorized(action, actor, g))
        {
            return Expectation.Refused<GrievanceAuthorizationException>();
        }

        if (!StateHasAction(g, action))
        {
            return Expectation.Refused<GrievanceActionNotAllowedException>();
        }

        var refusal = step.Kind switch
        {
            StepKind.Transfer when g.Department == TransferTarget(step, g) => Expectation.Refused<GrievanceActionNotAllowedException>(),
            StepKind.ExtendForever or StepKind.ExtendBackwards => Expectation.Refused<DeadlineExtensionOutOfRangeException>(),
            StepKind.MarkDuplicateOfOther when RootOf(1 - step.Target) == step.Target => Expectation.Refused<GrievanceActionNotAllowedException>(),
            StepKind.StaleSweep => Expectation.Refused<GrievanceActionNotAllowedException>(),
            StepKind.Transfer when g.Transfers >= MaxTransfers => Expectation.Refused<TransferLimitExceededException>(),
            StepKind.ExtendWithinRange when g.Extensions >= MaxExtensions => Expectation.Refused<ExtensionLimitExceededException>(),
            StepKind.Escalate when g.Level >= Levels => Expectation.Refused<GrievanceActionNotAllowedException>(),
            _ => null,
        };
        if (refusal is not null)
        {
            return refusal;
        }

        Move(step, g);
        g.Version++;
        if (step.CommandId is { } newId)
        {
            _commandIds[newId] = (step.Target, action, actor, payload, g.Version);
        }

        return Expectation.Applied(g.Version);
    }

    /// <summary>A transfer's target: with the step's flag, the other department (a valid transfer); without, the one it is in (refused).</summary>
    public static string TransferTarget(ModelStep step, ModelGrievance g) => step.Flag == (g.Department == "uppcl") ? "revenue" : "uppcl";

    private int RootOf(int index)
    {
        for (var hops = 0; hops < 4 && Grievances[index].DuplicateOf is { } next; hops++)
        {
            index = next;
        }

        return index;
    }

    private void Move(ModelStep step, ModelGrievance g)
    {
        switch (step.Kind)
        {
            case StepKind.Report:
                (g.Status, g.Unreachable) = (GrievanceStatus.AwaitingFeedback, 0);
                break;
            case StepKind.Satisfied:
                g.Close(GrievanceOutcome.Resolved);
                break;
            case StepKind.Dissatisfied:
                var reopensAllowed = g.Level == 1 ? 1 : 0;
                if (g.Reopens.GetValueOrDefault(g.Level) < reopensAllowed)
                {
                    g.Reopens[g.Level] = g.Reopens.GetValueOrDefault(g.Level) + 1;
                    (g.Status, g.Extensions) = (GrievanceStatus.PendingWithOfficer, 0);
                }
                else if (g.Level < Levels)
                {
                    (g.Status, g.Level, g.Extensions) = (GrievanceStatus.PendingWithOfficer, g.Level + 1, 0);
                }
                else
                {
                    g.Close(GrievanceOutcome.ClosedAtFinalLevel);
                }

                break;
            case StepKind.Unreachable:
                if (++g.Unreachable >= MaxUnreachable)
                {
                    g.Close(GrievanceOutcome.ClosedNoFeedback);
                }

                break;
            case StepKind.Transfer:
                (g.Department, g.Level, g.Extensions) = (TransferTarget(step, g), 1, 0);
                g.Reopens.Clear();
                g.Transfers++;
                break;
            case StepKind.Reject:
                g.Close(GrievanceOutcome.Rejected);
                break;
            case StepKind.Withdraw:
                g.Close(GrievanceOutcome.Withdrawn);
                break;
            case StepKind.MarkDuplicateOfOther:
                g.DuplicateOf = RootOf(1 - step.Target);
                g.Close(GrievanceOutcome.Duplicate);
                break;
            case StepKind.RequestClarification:
                g.Status = GrievanceStatus.AwaitingClarification;
                break;
            case StepKind.ProvideClarification:
                g.Status = GrievanceStatus.PendingWithOfficer;
                break;
            case StepKind.ExtendWithinRange:
                g.Extensions++;
                break;
            case StepKind.Escalate:
                (g.Level, g.Extensions) = (g.Level + 1, 0);
                break;
        }
    }

    private static bool StateHasAction(ModelGrievance g, GrievanceAction action)
    {
        if (g.Status == GrievanceStatus.Closed)
        {
            return false;
        }

        if (action is GrievanceAction.Withdraw or GrievanceAction.MarkDuplicate or GrievanceAction.AddNote)
        {
            return true;
        }

        return g.Status switch
        {
            GrievanceStatus.PendingWithOfficer => action is GrievanceAction.ReportAction or GrievanceAction.RequestClarification or GrievanceAction.ExtendDeadline
                or GrievanceAction.Transfer or GrievanceAction.Escalate or GrievanceAction.SlaBreach or GrievanceAction.Reject,
            GrievanceStatus.AwaitingClarification => action == GrievanceAction.ProvideClarification,
            GrievanceStatus.AwaitingFeedback => action is GrievanceAction.RecordSatisfied or GrievanceAction.RecordDissatisfied or GrievanceAction.RecordUnreachable
                or GrievanceAction.FeedbackWindowExpired,
            _ => action is GrievanceAction.Route or GrievanceAction.Reject,
        };
    }

    // The README's authorization table.
    private static bool Authorized(GrievanceAction action, Actor actor, ModelGrievance g)
    {
        var role = actor.Role;
        var isComplainant = role == ActorRole.Complainant && actor.Id == "citizen-42";
        var inDepartment = role == ActorRole.Officer && actor.Department?.Value == g.Department;
        var holds = inDepartment && actor.Level >= g.Level;
        return action switch
        {
            GrievanceAction.Route => role is ActorRole.Administrator or ActorRole.System,
            GrievanceAction.ReportAction or GrievanceAction.Reject or GrievanceAction.RequestClarification or GrievanceAction.ExtendDeadline => role == ActorRole.Administrator || holds,
            GrievanceAction.Transfer => role is ActorRole.Administrator or ActorRole.HelplineAgent || holds,
            GrievanceAction.RecordSatisfied or GrievanceAction.RecordDissatisfied => role == ActorRole.HelplineAgent || isComplainant,
            GrievanceAction.RecordUnreachable => role == ActorRole.HelplineAgent,
            GrievanceAction.Withdraw => role == ActorRole.Administrator || isComplainant,
            GrievanceAction.MarkDuplicate => role is ActorRole.Administrator or ActorRole.HelplineAgent || holds,
            GrievanceAction.AddNote => role is ActorRole.Administrator or ActorRole.HelplineAgent || isComplainant || inDepartment,
            GrievanceAction.ProvideClarification => role == ActorRole.HelplineAgent || isComplainant,
            GrievanceAction.Escalate => role == ActorRole.Administrator,
            _ => role == ActorRole.System,
        };
    }
}

/// <summary>The model's view of one grievance.</summary>
public sealed class ModelGrievance
{
    public GrievanceStatus Status { get; set; } = GrievanceStatus.PendingWithOfficer;

    public GrievanceOutcome Outcome { get; set; }

    public int Level { get; set; } = 1;

    public string Department { get; set; } = "uppcl";

    public int Transfers { get; set; }

    public int Extensions { get; set; }

    public int Unreachable { get; set; }

    public long Version { get; set; } = 1;

    public int? DuplicateOf { get; set; }

    public Dictionary<int, int> Reopens { get; } = new();

    public void Close(GrievanceOutcome outcome) => (Status, Outcome) = (GrievanceStatus.Closed, outcome);
}

/// <summary>What the engine must answer to a step.</summary>
public sealed record Expectation(string Kind, long? Sequence, CommandIdDifferences? Differences)
{
    public static Expectation Applied(long sequence) => new("applied", sequence, null);

    public static Expectation Replayed(long sequence) => new("replayed", sequence, null);

    public static Expectation Refused<TError>(CommandIdDifferences? differences = null)
        where TError : GrievanceWorkflowException => new(typeof(TError).Name, null, differences);
}
