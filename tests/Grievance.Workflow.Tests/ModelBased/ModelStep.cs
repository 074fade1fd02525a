using CsCheck;

namespace Grievance.Workflow.Tests.ModelBased;

/// <summary>What a step of a random sequence does.</summary>
public enum StepKind
{
    Report,
    Satisfied,
    Dissatisfied,
    Unreachable,
    Transfer,
    Reject,
    Withdraw,
    Note,
    RequestClarification,
    ProvideClarification,
    ExtendWithinRange,
    ExtendForever,
    ExtendBackwards,
    Escalate,
    MarkDuplicateOfOther,
    StaleSweep,
    Route,
}

/// <summary>How a step names the version it expects.</summary>
public enum VersionChoice
{
    None,
    Current,
    Stale,
}

/// <summary>
/// One step of a random sequence: a command of some kind on one of two grievances, by the actor the model says may take it or by
/// a random one, with or without a command id from a small shared pool (so ids are reused), an expected version, a flag the kinds
/// read (internal note, transfer to revenue), a text choice, and how far the clock moves first.
/// </summary>
public sealed record ModelStep(StepKind Kind, int Target, bool RightActor, int Actor, int? CommandId, VersionChoice Version, bool Flag, int Text, int ClockMinutes)
{
    // Weighted so that sequences reach the caps (transfers, extensions, unreachable calls, second rounds) before something closes them.
    private static readonly Gen<StepKind> Kinds = CsCheck.Gen.Int[0, 49].Select(i => i switch
    {
        < 6 => StepKind.Report,
        < 8 => StepKind.Satisfied,
        < 13 => StepKind.Dissatisfied,
        < 20 => StepKind.Unreachable,
        < 28 => StepKind.Transfer,
        < 29 => StepKind.Reject,
        < 30 => StepKind.Withdraw,
        < 32 => StepKind.Note,
        < 34 => StepKind.RequestClarification,
        < 37 => StepKind.ProvideClarification,
        < 42 => StepKind.ExtendWithinRange,
        < 43 => StepKind.ExtendForever,
        < 44 => StepKind.ExtendBackwards,
        < 46 => StepKind.Escalate,
        < 47 => StepKind.MarkDuplicateOfOther,
        < 48 => StepKind.StaleSweep,
        _ => StepKind.Route,
    });

    private static readonly Gen<(StepKind Kind, int Target, bool RightActor, int Actor)> What = CsCheck.Gen.Select(
        Kinds,
        CsCheck.Gen.Int[0, 9].Select(i => i < 8 ? 0 : 1),
        CsCheck.Gen.Int[0, 3].Select(i => i > 0),
        CsCheck.Gen.Int[0, LifecycleModel.Actors.Length - 1],
        (kind, target, right, actor) => (kind, target, right, actor));

    private static readonly Gen<(int? CommandId, VersionChoice Version, bool Flag, int Text, int ClockMinutes)> How = CsCheck.Gen.Select(
        CsCheck.Gen.Int[0, 19].Select(i => i < 15 ? (int?)null : i % 4),
        CsCheck.Gen.Int[0, 9].Select(i => i switch { < 6 => VersionChoice.None, < 9 => VersionChoice.Current, _ => VersionChoice.Stale }),
        CsCheck.Gen.Bool,
        CsCheck.Gen.Int[0, 2],
        CsCheck.Gen.Int[0, 4].Select(i => i switch { 0 => 0, 1 => 5, 2 => 90, 3 => 24 * 60, _ => 3 * 24 * 60 }),
        (id, version, flag, text, minutes) => (id, version, flag, text, minutes));

    public static readonly Gen<ModelStep> Gen = CsCheck.Gen.Select(What, How, (w, h) => new ModelStep(w.Kind, w.Target, w.RightActor, w.Actor, h.CommandId, h.Version, h.Flag, h.Text, h.ClockMinutes));

    public static readonly Gen<ModelStep[]> Sequence = Gen.Array[1, 80];
}
