using Grievance.Workflow.Escalation;
using Grievance.Workflow.Feedback;

namespace Grievance.Workflow.Lifecycle;

/// <summary>
/// The data a reused state machine reads while it fires: the grievance's state and the answers the policies gave
/// <em>before</em> firing, so that every guard is pure and synchronous.
/// </summary>
internal sealed class LifecycleContext
{
    public LifecycleState State { get; set; }

    public GrievanceId GrievanceId { get; private set; }

    public GrievanceOutcome Outcome { get; private set; }

    public int TransferCount { get; private set; }

    public int TransferLimit { get; private set; }

    public int Level { get; private set; }

    public int Levels { get; private set; }

    public int ExtensionCount { get; private set; }

    public int ExtensionLimit { get; private set; }

    public EscalationKind Escalation { get; private set; }

    public FeedbackDecision Feedback { get; private set; }

    /// <summary>Gets whether the complainant may reopen it now: the options allow it, it was resolved, and the window since its closure is still open.</summary>
    public bool ReopenableByComplainant { get; private set; }

    /// <summary>Gets whether the options allow special closures.</summary>
    public bool SpecialClosureAllowed { get; private set; }

    /// <summary>Gets whether the complainant may appeal against the closure now (<see cref="LifecycleLimits.AllowsAppeal"/>).</summary>
    public bool Appealable { get; private set; }

    /// <summary>Gets the outcome of the closure under appeal, or <see cref="GrievanceOutcome.None"/>.</summary>
    public GrievanceOutcome AppealedOutcome { get; private set; }

    /// <summary>Gets whether the grievance has a department (an allowed appeal goes back to it, or else to triage).</summary>
    public bool HasDepartment { get; private set; }

    /// <summary>Loads a grievance and the policy decisions taken for the command about to fire.</summary>
    public void Load(in LifecycleLimits limits, GrievanceSnapshot grievance, EscalationKind escalation = EscalationKind.ReopenAtSameLevel, FeedbackDecision feedback = FeedbackDecision.KeepWaiting, System.DateTimeOffset? now = null)
    {
        ReopenableByComplainant = now is { } at && limits.AllowsReopening(grievance, at);
        SpecialClosureAllowed = limits.SpecialClosure;
        Appealable = now is { } moment && limits.AllowsAppeal(grievance, moment);
        AppealedOutcome = grievance.AppealedOutcome;
        HasDepartment = grievance.Department is not null;
        Level = grievance.Level;
        Levels = limits.LevelsFor(grievance);
        ExtensionCount = grievance.ExtensionCount;
        ExtensionLimit = limits.MaxExtensions;
        TransferLimit = limits.MaxTransfers;
        State = LifecycleStates.From(grievance.Status, grievance.Outcome);
        GrievanceId = grievance.Id;
        Outcome = grievance.Outcome;
        TransferCount = grievance.TransferCount;
        Escalation = escalation;
        Feedback = feedback;
    }

    /// <summary>Sets a state with guards that let every trigger of that state pass one way or the other (for tables and diagrams).</summary>
    public void LoadPermissive(LifecycleState state)
    {
        ReopenableByComplainant = true;
        SpecialClosureAllowed = true;
        Appealable = true;
        AppealedOutcome = GrievanceOutcome.None; // the diagram shows every guarded way out of an appeal
        HasDepartment = true;
        State = state;
        GrievanceId = default;
        Outcome = LifecycleStates.OutcomeOf(state);
        TransferCount = 0;
        TransferLimit = int.MaxValue;
        Level = 1;
        Levels = int.MaxValue;
        ExtensionCount = 0;
        ExtensionLimit = int.MaxValue;
        Escalation = EscalationKind.ReopenAtSameLevel;
        Feedback = FeedbackDecision.KeepWaiting;
    }
}
