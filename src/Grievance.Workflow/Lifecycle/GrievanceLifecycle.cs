using System;
using System.Collections.Generic;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Feedback;
using Stateless;
using Stateless.Graph;

namespace Grievance.Workflow.Lifecycle;

/// <summary>
/// The whole grievance lifecycle in one place: its states, the actions each state takes and the guards on them.
/// The only type that touches Stateless.
/// </summary>
/// <remarks>
/// A Stateless machine is not thread-safe and is costly to build (~4 µs, ~9 KB), so each thread reuses one configured machine,
/// bound to its own <see cref="LifecycleContext"/> (<see cref="ForCurrentThread"/>). Guards only read the context, which the
/// engine loads with the grievance and the policies' answers before firing; nothing is awaited while a machine is in use.
/// </remarks>
internal sealed class GrievanceLifecycle
{
    private const string NoStatusChange = "status unchanged";
    private const string TransferGuard = "transfers below the limit";
    private const string ReopenOrEscalateGuard = "escalation policy reopens or escalates";
    private const string FinalLevelGuard = "escalation policy closes at the final level";
    private const string KeepWaitingGuard = "feedback policy keeps waiting";
    private const string NoFeedbackGuard = "feedback policy closes without feedback";
    private const string ExtensionGuard = "extensions below the limit";
    private const string HigherLevelGuard = "a higher level exists";
    private const string BreachEscalatesGuard = "escalation policy escalates on breach";
    private const string BreachFlagsGuard = "escalation policy flags a defaulter";
    private const string ComplainantReopenGuard = "reopening by the complainant allowed and within its window";
    private const string SpecialClosureGuard = "special closures allowed";
    private const string AppealGuard = "appeals allowed against this outcome, within their window and number";
    private const string DepartmentGuard = "it has a department";
    private const string NoDepartmentGuard = "it never reached a department";

    // The closures a complainant may appeal against, when the options list them (never a withdrawal or a duplicate).
    private static readonly LifecycleState[] Appealable =
        [LifecycleState.Resolved, LifecycleState.ClosedAtFinalLevel, LifecycleState.ClosedNoFeedback, LifecycleState.Rejected, LifecycleState.SpecialClosed];

    [ThreadStatic]
    private static GrievanceLifecycle? t_current;

    private static readonly Lazy<uint[]> s_permittedByState = new(BuildPermittedTable);

    private readonly StateMachine<LifecycleState, GrievanceAction> _machine;

    private GrievanceLifecycle()
    {
        Context = new LifecycleContext { State = LifecycleState.Registered };
        _machine = new StateMachine<LifecycleState, GrievanceAction>(() => Context.State, s => Context.State = s, FiringMode.Immediate);
        Configure(_machine, Context);
        _machine.OnUnhandledTrigger(OnUnhandledTrigger);
    }

    /// <summary>Gets the context the machine's guards read.</summary>
    public LifecycleContext Context { get; }

    /// <summary>Gets this thread's machine. Use it synchronously: load the context, fire, read the state; never across an await.</summary>
    public static GrievanceLifecycle ForCurrentThread() => t_current ??= new GrievanceLifecycle();

    /// <summary>Creates a machine for one-off use (diagrams, benchmarks).</summary>
    public static GrievanceLifecycle CreateDetached() => new();

    /// <summary>Tells whether a state's transitions include the action, whatever the guards say (a table built once from the machine).</summary>
    public static bool StateHasAction(LifecycleState state, GrievanceAction action)
        => (s_permittedByState.Value[(int)state] & (1u << (int)action)) != 0;

    /// <summary>Fires the action. Throws the workflow's typed errors when the state or a guard refuses it.</summary>
    public LifecycleState Fire(GrievanceAction action)
    {
        try
        {
            _machine.Fire(action);
        }
        catch (InvalidOperationException ex)
        {
            throw new GrievanceWorkflowInternalException(
                $"The lifecycle refused {action} on grievance {Context.GrievanceId} in state {Context.State}: {ex.Message}", Context.GrievanceId, ex);
        }

        return Context.State;
    }

    /// <summary>Lists the actions that can fire now, guards included, in <see cref="GrievanceAction"/> order.</summary>
    public List<GrievanceAction> ActionsAllowedNow()
    {
        var allowed = new List<GrievanceAction>();
        var mask = s_permittedByState.Value[(int)Context.State];
        foreach (var action in Enum.GetValues<GrievanceAction>())
        {
            if ((mask & (1u << (int)action)) != 0 && _machine.CanFire(action))
            {
                allowed.Add(action);
            }
        }

        return allowed;
    }

    /// <summary>Writes the lifecycle as a Mermaid state diagram.</summary>
    public static string ToMermaid()
    {
        var lifecycle = CreateDetached();
        lifecycle.Context.LoadPermissive(LifecycleState.Registered);
        return MermaidGraph.Format(lifecycle._machine.GetInfo());
    }

    /// <summary>Writes the lifecycle as a Graphviz DOT graph.</summary>
    public static string ToDot()
    {
        var lifecycle = CreateDetached();
        lifecycle.Context.LoadPermissive(LifecycleState.Registered);
        return UmlDotGraph.Format(lifecycle._machine.GetInfo());
    }

    private static void Configure(StateMachine<LifecycleState, GrievanceAction> machine, LifecycleContext context)
    {
        // Open: anything that can still change. Withdrawal, duplicates and notes are possible from every open state.
        machine.Configure(LifecycleState.Open)
            .Permit(GrievanceAction.Withdraw, LifecycleState.Withdrawn)
            .Permit(GrievanceAction.MarkDuplicate, LifecycleState.Duplicate)
            .InternalTransitionIf(GrievanceAction.AddNote, static _ => true, static _ => { }, NoStatusChange);

        // Registered: a reference number is issued; waiting in triage when the routing policy could not route it.
        machine.Configure(LifecycleState.Registered)
            .SubstateOf(LifecycleState.Open)
            .Permit(GrievanceAction.Route, LifecycleState.PendingWithOfficer)
            .Permit(GrievanceAction.Reject, LifecycleState.Rejected);

        // Pending with the officer of the current level (L1, L2, …), whose clock runs.
        machine.Configure(LifecycleState.PendingWithOfficer)
            .SubstateOf(LifecycleState.Open)
            .Permit(GrievanceAction.ReportAction, LifecycleState.AwaitingFeedback)
            .Permit(GrievanceAction.RequestClarification, LifecycleState.AwaitingClarification)
            .InternalTransitionIf(GrievanceAction.ExtendDeadline, _ => context.ExtensionCount < context.ExtensionLimit, static _ => { }, ExtensionGuard)
            .PermitReentryIf(GrievanceAction.Transfer, () => context.TransferCount < context.TransferLimit, TransferGuard)
            .PermitReentryIf(GrievanceAction.Escalate, () => context.Level < context.Levels, HigherLevelGuard)
            .PermitReentryIf(GrievanceAction.SlaBreach, () => context.Escalation == EscalationKind.EscalateToLevel, BreachEscalatesGuard)
            .InternalTransitionIf(GrievanceAction.SlaBreach, _ => context.Escalation != EscalationKind.EscalateToLevel, static _ => { }, BreachFlagsGuard)
            .Permit(GrievanceAction.Reject, LifecycleState.Rejected)
            .PermitIf(GrievanceAction.ProposeSpecialClosure, LifecycleState.AwaitingSpecialClosure, () => context.SpecialClosureAllowed, SpecialClosureGuard);

        // Awaiting a higher level's decision on a proposed special closure: accepted, closed (never resolved); rejected, back to
        // the proposer with the deadline it had.
        machine.Configure(LifecycleState.AwaitingSpecialClosure)
            .SubstateOf(LifecycleState.Open)
            .Permit(GrievanceAction.AcceptSpecialClosure, LifecycleState.SpecialClosed)
            .Permit(GrievanceAction.RejectSpecialClosure, LifecycleState.PendingWithOfficer);

        // Awaiting the complainant's clarification: the officer's clock is paused.
        machine.Configure(LifecycleState.AwaitingClarification)
            .SubstateOf(LifecycleState.Open)
            .Permit(GrievanceAction.ProvideClarification, LifecycleState.PendingWithOfficer);

        // Awaiting the complainant's feedback on the disposal report.
        machine.Configure(LifecycleState.AwaitingFeedback)
            .SubstateOf(LifecycleState.Open)
            .Permit(GrievanceAction.RecordSatisfied, LifecycleState.Resolved)
            .PermitIf(GrievanceAction.RecordDissatisfied, LifecycleState.PendingWithOfficer, () => context.Escalation != EscalationKind.CloseAtFinalLevel, ReopenOrEscalateGuard)
            .PermitIf(GrievanceAction.RecordDissatisfied, LifecycleState.ClosedAtFinalLevel, () => context.Escalation == EscalationKind.CloseAtFinalLevel, FinalLevelGuard)
            .InternalTransitionIf(GrievanceAction.RecordUnreachable, _ => context.Feedback != FeedbackDecision.CloseWithoutFeedback, static _ => { }, KeepWaitingGuard)
            .PermitIf(GrievanceAction.RecordUnreachable, LifecycleState.ClosedNoFeedback, () => context.Feedback == FeedbackDecision.CloseWithoutFeedback, NoFeedbackGuard)
            .InternalTransitionIf(GrievanceAction.FeedbackWindowExpired, _ => context.Feedback != FeedbackDecision.CloseWithoutFeedback, static _ => { }, KeepWaitingGuard)
            .PermitIf(GrievanceAction.FeedbackWindowExpired, LifecycleState.ClosedNoFeedback, () => context.Feedback == FeedbackDecision.CloseWithoutFeedback, NoFeedbackGuard);

        // Closed: terminal. Each outcome is its own substate, so that "closed, not fixed" can never pass for resolved. The one way
        // back, when the options allow it: the complainant reopens a resolved grievance within the window, and the escalation
        // policy decides as for dissatisfaction (the same level while its reopens last, then up; at the top, closed at the final level).
        machine.Configure(LifecycleState.Closed);
        foreach (var outcome in new[] { LifecycleState.Resolved, LifecycleState.ClosedAtFinalLevel, LifecycleState.ClosedNoFeedback, LifecycleState.Rejected, LifecycleState.Withdrawn, LifecycleState.Duplicate, LifecycleState.SpecialClosed })
        {
            machine.Configure(outcome).SubstateOf(LifecycleState.Closed);
        }

        // Appeal after closure (CPGRAMS): under appeal the grievance is neither open nor finally closed; the appellate authority
        // upholds the closure (closed again with the outcome it had) or allows the appeal (back to a level of its department with a
        // fresh clock, or to triage when it never reached one).
        var underAppeal = machine.Configure(LifecycleState.UnderAppeal)
            .InternalTransitionIf(GrievanceAction.AddNote, static _ => true, static _ => { }, NoStatusChange)
            .PermitIf(GrievanceAction.AllowAppeal, LifecycleState.PendingWithOfficer, () => context.HasDepartment, DepartmentGuard)
            .PermitIf(GrievanceAction.AllowAppeal, LifecycleState.Registered, () => !context.HasDepartment, NoDepartmentGuard);
        foreach (var closure in Appealable)
        {
            var outcome = LifecycleStates.OutcomeOf(closure);
            machine.Configure(closure).PermitIf(GrievanceAction.Appeal, LifecycleState.UnderAppeal, () => context.Appealable, AppealGuard);
            underAppeal.PermitIf(GrievanceAction.UpholdClosure, closure, () => context.AppealedOutcome == outcome, $"the closure under appeal was {outcome}");
        }

        machine.Configure(LifecycleState.Resolved)
            .PermitIf(GrievanceAction.ReopenByComplainant, LifecycleState.PendingWithOfficer, () => context.ReopenableByComplainant && context.Escalation != EscalationKind.CloseAtFinalLevel, ComplainantReopenGuard)
            .PermitIf(GrievanceAction.ReopenByComplainant, LifecycleState.ClosedAtFinalLevel, () => context.ReopenableByComplainant && context.Escalation == EscalationKind.CloseAtFinalLevel, ComplainantReopenGuard);
    }

    private void OnUnhandledTrigger(LifecycleState state, GrievanceAction action, ICollection<string>? unmetGuards)
    {
        var status = LifecycleStates.StatusOf(state);
        if (action == GrievanceAction.Transfer && unmetGuards is not null && unmetGuards.Contains(TransferGuard))
        {
            throw new TransferLimitExceededException(Context.GrievanceId, Context.TransferCount, Context.TransferLimit);
        }

        if (action == GrievanceAction.ExtendDeadline && unmetGuards is not null && unmetGuards.Contains(ExtensionGuard))
        {
            throw new ExtensionLimitExceededException(Context.GrievanceId, Context.ExtensionCount, Context.ExtensionLimit);
        }

        var reason = unmetGuards is { Count: > 0 } ? string.Join(" and ", unmetGuards) + " is not met" : null;
        throw new GrievanceActionNotAllowedException(Context.GrievanceId, status, Context.Outcome, action, ActionsAllowedNow(), reason);
    }

    private static uint[] BuildPermittedTable()
    {
        // Read the structure straight from the configured machine: a state has an action when it or a superstate has a
        // transition (guarded or not, internal or not) for it.
        var table = new uint[Enum.GetValues<LifecycleState>().Length];
        foreach (var state in CreateDetached()._machine.GetInfo().States)
        {
            var index = (int)(LifecycleState)state.UnderlyingState;
            for (var current = state; current is not null; current = current.Superstate)
            {
                foreach (var transition in current.Transitions)
                {
                    table[index] |= 1u << (int)(GrievanceAction)transition.Trigger.UnderlyingTrigger;
                }
            }
        }

        return table;
    }
}
