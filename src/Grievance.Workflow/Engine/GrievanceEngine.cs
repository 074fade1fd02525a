using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Authorization;
using Grievance.Workflow.Clocks;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Internal;
using Grievance.Workflow.Feedback;
using Grievance.Workflow.Lifecycle;
using Grievance.Workflow.Registration;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Telemetry;
using Grievance.Workflow.Tracking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Engine;

/// <summary>
/// The engine behind <see cref="IGrievanceWorkflow"/>. Every command flows one way: validate → load → authorize → ask the policies →
/// fire the lifecycle → record the snapshot and history entry → save with the expected version.
/// </summary>
/// <remarks>Thread-safe. Holds no per-grievance state; the lifecycle machines are reused per thread.</remarks>
internal sealed class GrievanceEngine : IGrievanceWorkflow
{
    private const int ReferenceNumberAttempts = 5;

    private readonly IGrievanceStore _store;
    private readonly IRoutingPolicy _routing;
    private readonly IEscalationPolicy _escalation;
    private readonly IFeedbackPolicy _feedback;
    private readonly IAuthorizationPolicy _authorization;
    private readonly IReferenceNumberGenerator _referenceNumbers;
    private readonly TimeProvider _time;
    private readonly int _levels;
    private readonly int _retryLimit;
    private readonly LifecycleLimits _limits;
    private readonly SlaClock _clock;
    private readonly Func<GrievanceId, GrievanceLifecycle> _machines;
    private readonly WorkflowInstruments _instruments;
    private readonly ILogger _logger;
    private readonly Func<RegisterGrievance, CancellationToken, ValueTask<WorkflowResult>> _register;
    private readonly Func<GrievanceCommand, CancellationToken, ValueTask<WorkflowResult>> _execute;

    public GrievanceEngine(
        IGrievanceStore store,
        IRoutingPolicy routing,
        IEscalationPolicy escalation,
        IFeedbackPolicy feedback,
        IAuthorizationPolicy authorization,
        IReferenceNumberGenerator referenceNumbers,
        IBusinessCalendar calendar,
        IOptions<GrievanceWorkflowOptions> options,
        TimeProvider time,
        Func<GrievanceId, GrievanceLifecycle>? machines = null,
        WorkflowInstruments? instruments = null,
        ILogger? logger = null)
    {
        _instruments = instruments ?? new WorkflowInstruments(null);
        _logger = logger ?? NullLogger.Instance;
        // The default reuses one configured machine per thread. Benchmarks pass other strategies to measure what reuse saves.
        _machines = machines ?? (static _ => GrievanceLifecycle.ForCurrentThread());
        _store = store;
        _routing = routing;
        _escalation = escalation;
        _feedback = feedback;
        _authorization = authorization;
        _referenceNumbers = referenceNumbers;
        _time = time;
        var value = options.Value;
        _levels = value.Levels;
        _retryLimit = value.ConcurrencyRetryLimit;
        _limits = new LifecycleLimits(value.Levels, value.MaxTransfers, value.Sla.MaxExtensions);
        _clock = new SlaClock(calendar, value.Sla, value.Feedback.Window);
        _register = RegisterCoreAsync;
        _execute = ExecuteCoreAsync;
    }

    public ValueTask<CommandResult> RegisterAsync(RegisterGrievance command, CancellationToken cancellationToken = default)
        => Unwrap(TryRegisterAsync(command, cancellationToken));

    public ValueTask<CommandResult> ExecuteAsync(GrievanceCommand command, CancellationToken cancellationToken = default)
        => Unwrap(TryExecuteAsync(command, cancellationToken));

    public ValueTask<WorkflowResult> TryRegisterAsync(RegisterGrievance command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Observe(command, GrievanceAction.Register, command.GrievanceId, _register, cancellationToken);
    }

    public ValueTask<WorkflowResult> TryExecuteAsync(GrievanceCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Observe(command, command.Action, command.GrievanceId, _execute, cancellationToken);
    }

    /// <summary>Runs a command with its telemetry: a span when someone traces, counters, the duration and the log line.</summary>
    /// <remarks>
    /// With nobody tracing, a command that completes synchronously (the in-memory store, no asynchronous policy) is reported
    /// without an async state machine of its own. A span is started inside an async method, so that it is the current activity
    /// only for the command's own flow, never for the caller's.
    /// </remarks>
    private ValueTask<WorkflowResult> Observe<TCommand>(
        TCommand command, GrievanceAction action, GrievanceId? grievanceId, Func<TCommand, CancellationToken, ValueTask<WorkflowResult>> core, CancellationToken cancellationToken)
    {
        if (WorkflowInstruments.IsTracing)
        {
            return TracedAsync(command, action, grievanceId, core, cancellationToken);
        }

        var start = _instruments.StartTiming();
        var pending = core(command, cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            return ReportWhenDoneAsync(pending, action, grievanceId, start);
        }

        var result = pending.Result;
        Report(action, grievanceId, result, start, activity: null);
        return new(result);
    }

    private async ValueTask<WorkflowResult> TracedAsync<TCommand>(
        TCommand command, GrievanceAction action, GrievanceId? grievanceId, Func<TCommand, CancellationToken, ValueTask<WorkflowResult>> core, CancellationToken cancellationToken)
    {
        using var activity = WorkflowInstruments.StartCommand(action, grievanceId);
        var start = _instruments.StartTiming();
        var result = await core(command, cancellationToken).ConfigureAwait(false);
        Report(action, grievanceId, result, start, activity);
        return result;
    }

    private async ValueTask<WorkflowResult> ReportWhenDoneAsync(ValueTask<WorkflowResult> pending, GrievanceAction action, GrievanceId? grievanceId, long start)
    {
        var result = await pending.ConfigureAwait(false);
        Report(action, grievanceId, result, start, activity: null);
        return result;
    }

    private void Report(GrievanceAction action, GrievanceId? grievanceId, WorkflowResult result, long start, Activity? activity)
    {
        if (!result.Succeeded)
        {
            var refusal = WorkflowInstruments.ResultOf(result.Error);
            _instruments.Completed(action, refusal, start, activity, null);
            Log.CommandRefused(_logger, grievanceId ?? result.Error.GrievanceId, action, refusal);
            return;
        }

        var done = result.Value;
        var entry = done.Entry;
        _instruments.Completed(action, done.IsReplay ? "replayed" : "accepted", start, activity, done);
        if (done.IsReplay)
        {
            Log.CommandReplayed(_logger, entry.GrievanceId, action, entry.CommandId?.Value);
        }
        else if (action == GrievanceAction.Register)
        {
            Log.Registered(_logger, entry.GrievanceId, done.Grievance.ReferenceNumber, done.Grievance.Channel, entry.ToStatus);
        }
        else
        {
            Log.CommandAccepted(_logger, entry.GrievanceId, action, entry.ToStatus, entry.ToLevel, entry.Sequence);
            if (entry.ToLevel > entry.FromLevel && action != GrievanceAction.Transfer)
            {
                var reason = WorkflowInstruments.EscalationReasonOf(action);
                Log.Escalated(_logger, entry.GrievanceId, entry.FromLevel, entry.ToLevel, reason);
            }
        }
    }

    private async ValueTask<WorkflowResult> RegisterCoreAsync(RegisterGrievance command, CancellationToken cancellationToken)
    {
        if (command.CommandId is { } commandId && await _store.FindByCommandIdAsync(commandId, cancellationToken).ConfigureAwait(false) is { } prior)
        {
            return await ReplayAsync(commandId, null, GrievanceAction.Register, prior, cancellationToken).ConfigureAwait(false);
        }

        var authorization = await _authorization.AuthorizeAsync(new AuthorizationRequest(command.Actor, GrievanceAction.Register, null), cancellationToken).ConfigureAwait(false);
        if (!authorization.IsAllowed)
        {
            return WorkflowResult.Failure(new GrievanceAuthorizationException(command.GrievanceId, command.Actor, GrievanceAction.Register, authorization.Reason!));
        }

        var id = command.GrievanceId ?? new GrievanceId(SecureRandomBuffer.NewGuid());
        var now = _time.GetUtcNow();
        var draft = new GrievanceSnapshot
        {
            Id = id,
            ReferenceNumber = await _referenceNumbers.NextAsync(id, command, now, cancellationToken).ConfigureAwait(false),
            Channel = command.Channel,
            Category = command.Category,
            Location = command.Location,
            ComplainantId = command.Complainant.Id,
            Description = command.Description,
            Status = GrievanceStatus.Registered,
            RegisteredAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        var routing = await _routing.RouteAsync(new RoutingRequest(draft, RoutingReason.Registration, null, 1), cancellationToken).ConfigureAwait(false);
        var grievance = draft;
        if (routing.IsRouted)
        {
            var lifecycle = _machines(id);
            lifecycle.Context.Load(_limits, draft);
            grievance = draft with
            {
                Status = LifecycleStates.StatusOf(lifecycle.Fire(GrievanceAction.Route)),
                Department = routing.Department,
                Officer = routing.Officer,
                DueAt = _clock.OfficerDeadline(draft.Category, 1, now),
                TimerToken = 1,
            };
        }

        for (var attempt = 1; ; attempt++)
        {
            var entry = new HistoryEntry
            {
                GrievanceId = id,
                Sequence = 1,
                OccurredAt = now,
                Actor = command.Actor,
                Action = GrievanceAction.Register,
                FromStatus = GrievanceStatus.Registered,
                ToStatus = grievance.Status,
                FromLevel = 1,
                ToLevel = 1,
                Department = grievance.Department,
                Officer = grievance.Officer,
                ReasonCode = routing.IsRouted ? null : HistoryReasonCodes.Unroutable,
                Text = routing.IsRouted ? null : routing.UnroutableReason ?? $"the routing policy {_routing.GetType().Name} gave no department and no reason",
                CommandId = command.CommandId,
            };
            try
            {
                await _store.CreateAsync(new GrievanceCreation(grievance, entry, command.Complainant.Contact, EventRecorder.For(entry, grievance)), cancellationToken).ConfigureAwait(false);
                return WorkflowResult.Success(new CommandResult(grievance, entry, isReplay: false));
            }
            catch (DuplicateGrievanceException ex) when (ex.Conflict == DuplicateKind.ReferenceNumber && attempt < ReferenceNumberAttempts)
            {
                grievance = grievance with { ReferenceNumber = await _referenceNumbers.NextAsync(id, command, now, cancellationToken).ConfigureAwait(false) };
            }
            catch (DuplicateGrievanceException ex) when (ex.Conflict == DuplicateKind.CommandId && command.CommandId is not null)
            {
                // A twin registration with the same command id won the race: answer with its result.
                var twin = await _store.FindByCommandIdAsync(command.CommandId.Value, cancellationToken).ConfigureAwait(false);
                return twin is null
                    ? WorkflowResult.Failure(ex)
                    : await ReplayAsync(command.CommandId.Value, null, GrievanceAction.Register, twin, cancellationToken).ConfigureAwait(false);
            }
            catch (DuplicateGrievanceException ex)
            {
                return WorkflowResult.Failure(ex);
            }
        }
    }

    private async ValueTask<WorkflowResult> ExecuteCoreAsync(GrievanceCommand command, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (command.CommandId is { } commandId && await _store.FindByCommandIdAsync(commandId, cancellationToken).ConfigureAwait(false) is { } prior)
            {
                return await ReplayAsync(commandId, command.GrievanceId, command.Action, prior, cancellationToken).ConfigureAwait(false);
            }

            var grievance = await _store.FindAsync(command.GrievanceId, cancellationToken).ConfigureAwait(false);
            if (grievance is null)
            {
                return WorkflowResult.Failure(new GrievanceNotFoundException(command.GrievanceId));
            }

            if (command.ExpectedVersion is { } expected && expected != grievance.Version)
            {
                return WorkflowResult.Failure(new GrievanceConcurrencyException(grievance.Id, expected, grievance.Version));
            }

            var authorization = await _authorization.AuthorizeAsync(new AuthorizationRequest(command.Actor, command.Action, grievance), cancellationToken).ConfigureAwait(false);
            if (!authorization.IsAllowed)
            {
                return WorkflowResult.Failure(new GrievanceAuthorizationException(grievance.Id, command.Actor, command.Action, authorization.Reason!));
            }

            if (!GrievanceLifecycle.StateHasAction(LifecycleStates.From(grievance.Status, grievance.Outcome), command.Action))
            {
                return WorkflowResult.Failure(NotAllowed(grievance, command.Action, reason: null));
            }

            // One instant per attempt: the policies decide at it and the history records it.
            var now = _time.GetUtcNow();
            var answers = command is ReportAction or AddNote or RejectGrievance or WithdrawGrievance or RequestClarification or ProvideClarification
                ? PolicyAnswers.None
                : await AskPoliciesAsync(command, grievance, now, cancellationToken).ConfigureAwait(false);
            if (answers.Error is { } refusal)
            {
                return WorkflowResult.Failure(refusal);
            }

            GrievanceChange change;
            try
            {
                change = Apply(command, grievance, answers, now);
            }
            catch (GrievanceWorkflowException ex) when (ex is GrievanceActionNotAllowedException or TransferLimitExceededException)
            {
                return WorkflowResult.Failure(ex);
            }

            try
            {
                await _store.SaveAsync(change, cancellationToken).ConfigureAwait(false);
                return WorkflowResult.Success(new CommandResult(change.Grievance, change.Entry, isReplay: false));
            }
            catch (GrievanceConcurrencyException) when (command.ExpectedVersion is null && attempt < _retryLimit)
            {
                // Lost a race: re-decide on the latest version.
                Log.ConcurrencyRetry(_logger, command.GrievanceId, command.Action, attempt + 1);
            }
            catch (GrievanceConcurrencyException ex)
            {
                return WorkflowResult.Failure(ex);
            }
            catch (CommandIdConflictException) when (attempt < _retryLimit)
            {
                // A twin with the same command id won: the next round replays it (or reports the conflict).
            }
        }
    }

    public async ValueTask<GrievanceSnapshot> GetAsync(GrievanceId id, CancellationToken cancellationToken = default)
        => await _store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new GrievanceNotFoundException(id);

    public ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken = default)
        => _store.FindByReferenceAsync(referenceNumber, cancellationToken);

    public async ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken = default)
    {
        var history = await _store.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false);
        return history.Count > 0 ? history : throw new GrievanceNotFoundException(id);
    }

    public async ValueTask<GrievanceTracking> TrackAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken = default)
    {
        var g = await _store.FindByReferenceAsync(referenceNumber, cancellationToken).ConfigureAwait(false) ?? throw new GrievanceNotFoundException(referenceNumber);
        var history = await _store.GetHistoryAsync(g.Id, cancellationToken).ConfigureAwait(false);
        var steps = new List<TrackingStep>(history.Count);
        foreach (var e in history)
        {
            if (!e.IsInternal)
            {
                steps.Add(new TrackingStep(e.Sequence, e.OccurredAt, e.Action, e.Actor.Role, e.ToStatus, e.Outcome, e.ToLevel, e.Department, e.Action == GrievanceAction.Register ? null : e.Text));
            }
        }

        return new GrievanceTracking(g.ReferenceNumber, g.Status, g.Outcome, g.Level, g.Department, g.DueAt, g.RegisteredAt, g.ClosedAt, steps);
    }

    public async ValueTask<IReadOnlyList<GrievanceAction>> GetPermittedActionsAsync(GrievanceId id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var grievance = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        var candidates = AllowedByLifecycle(grievance);
        var permitted = new List<GrievanceAction>(candidates.Count);
        var now = _time.GetUtcNow();
        foreach (var action in candidates)
        {
            if ((action == GrievanceAction.SlaBreach && (grievance.IsOverdue || !(grievance.DueAt <= now)))
                || (action == GrievanceAction.FeedbackWindowExpired && !(grievance.FeedbackDueAt <= now)))
            {
                continue; // a timer action is open only once its timer has run out
            }

            var decision = await _authorization.AuthorizeAsync(new AuthorizationRequest(actor, action, grievance), cancellationToken).ConfigureAwait(false);
            if (decision.IsAllowed)
            {
                permitted.Add(action);
            }
        }

        return permitted;
    }

    private async ValueTask<PolicyAnswers> AskPoliciesAsync(GrievanceCommand command, GrievanceSnapshot grievance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case RouteGrievance route:
                return new PolicyAnswers
                {
                    Department = route.Department,
                    Officer = route.Officer ?? await OfficerAtAsync(grievance, RoutingReason.ManualRoute, route.Department, 1, cancellationToken).ConfigureAwait(false),
                };

            case TransferGrievance transfer:
                if (transfer.ToDepartment == grievance.Department)
                {
                    return PolicyAnswers.Refused(NotAllowed(grievance, command.Action, $"it is already with department {transfer.ToDepartment}"));
                }

                return new PolicyAnswers
                {
                    Department = transfer.ToDepartment,
                    Officer = await OfficerAtAsync(grievance, RoutingReason.Transfer, transfer.ToDepartment, 1, cancellationToken).ConfigureAwait(false),
                };

            case RecordFeedback feedback:
                return await AskFeedbackPoliciesAsync(feedback.Response, grievance, now, cancellationToken).ConfigureAwait(false);

            case ExtendDeadline extension:
                return extension.NewDueAt > grievance.DueAt && extension.NewDueAt > now
                    ? PolicyAnswers.None
                    : PolicyAnswers.Refused(NotAllowed(grievance, command.Action, $"the new deadline {extension.NewDueAt:O} is not later than the current one ({grievance.DueAt:O}) and the present"));

            case EscalateGrievance:
                return new PolicyAnswers
                {
                    Escalation = EscalationKind.EscalateToLevel,
                    TargetLevel = grievance.Level + 1,
                    Officer = grievance.Level < _levels
                        ? await OfficerAtAsync(grievance, RoutingReason.Escalation, grievance.Department!.Value, grievance.Level + 1, cancellationToken).ConfigureAwait(false)
                        : null,
                };

            case HandleDueWork due:
                return await AskDueWorkPoliciesAsync(due, grievance, now, cancellationToken).ConfigureAwait(false);

            case MarkDuplicate duplicate:
                var original = await _store.FindByReferenceAsync(duplicate.Original, cancellationToken).ConfigureAwait(false);
                if (original is null)
                {
                    return PolicyAnswers.Refused(new GrievanceNotFoundException(duplicate.Original));
                }

                return original.Id == grievance.Id
                    ? PolicyAnswers.Refused(NotAllowed(grievance, command.Action, "a grievance cannot be a duplicate of itself"))
                    : PolicyAnswers.None;

            default:
                return PolicyAnswers.None;
        }
    }

    private async ValueTask<PolicyAnswers> AskDueWorkPoliciesAsync(HandleDueWork command, GrievanceSnapshot grievance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (due, stillDue) = command.Kind == GrievanceAction.SlaBreach
            ? (grievance.DueAt, !grievance.IsOverdue && grievance.DueAt <= now)
            : (grievance.FeedbackDueAt, grievance.FeedbackDueAt <= now);
        if (command.TimerToken != grievance.TimerToken || !stillDue)
        {
            return PolicyAnswers.Refused(NotAllowed(grievance, command.Action,
                $"the timer is not due: the sweeper read token {command.TimerToken}, the grievance has token {grievance.TimerToken}, due {due:O}, now {now:O}"));
        }

        if (command.Kind == GrievanceAction.FeedbackWindowExpired)
        {
            return await AskFeedbackPoliciesAsync(FeedbackResponse.WindowExpired, grievance, now, cancellationToken).ConfigureAwait(false);
        }

        var decision = await _escalation.DecideAsync(new EscalationRequest(grievance, now, EscalationReason.SlaBreach), cancellationToken).ConfigureAwait(false);
        if (decision.Kind == EscalationKind.FlagOverdue)
        {
            return new PolicyAnswers { Escalation = EscalationKind.FlagOverdue, TargetLevel = grievance.Level, Officer = grievance.Officer };
        }

        if (decision.Kind != EscalationKind.EscalateToLevel)
        {
            throw new InvalidOperationException(
                $"The escalation policy {_escalation.GetType().Name} answered {decision.Kind} to a breach on grievance {grievance.Id}; a breach escalates or flags a defaulter.");
        }

        return await EscalateToAsync(grievance, decision.Level, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<PolicyAnswers> AskFeedbackPoliciesAsync(FeedbackResponse response, GrievanceSnapshot grievance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var decision = await _feedback.DecideAsync(new FeedbackRequest(grievance, response, now), cancellationToken).ConfigureAwait(false);
        if (response is FeedbackResponse.NotReachable or FeedbackResponse.WindowExpired)
        {
            return new PolicyAnswers { Feedback = decision == FeedbackDecision.CloseWithoutFeedback ? FeedbackDecision.CloseWithoutFeedback : FeedbackDecision.KeepWaiting };
        }

        if (decision != FeedbackDecision.Accept)
        {
            throw new InvalidOperationException(
                $"The feedback policy {_feedback.GetType().Name} answered {decision} to a {response} response on grievance {grievance.Id}; a complainant who was reached is always accepted.");
        }

        if (response == FeedbackResponse.Satisfied)
        {
            return new PolicyAnswers { Feedback = FeedbackDecision.Accept };
        }

        var escalation = await _escalation.DecideAsync(new EscalationRequest(grievance, now, EscalationReason.Dissatisfaction), cancellationToken).ConfigureAwait(false);
        switch (escalation.Kind)
        {
            case EscalationKind.ReopenAtSameLevel or EscalationKind.CloseAtFinalLevel:
                return new PolicyAnswers { Feedback = FeedbackDecision.Accept, Escalation = escalation.Kind, TargetLevel = grievance.Level, Officer = grievance.Officer };
            case EscalationKind.EscalateToLevel:
                return await EscalateToAsync(grievance, escalation.Level, cancellationToken).ConfigureAwait(false) with { Feedback = FeedbackDecision.Accept };
            default:
                throw new InvalidOperationException(
                    $"The escalation policy {_escalation.GetType().Name} answered {escalation.Kind} to dissatisfaction on grievance {grievance.Id}; dissatisfaction reopens, escalates or closes at the final level.");
        }
    }

    private async ValueTask<PolicyAnswers> EscalateToAsync(GrievanceSnapshot grievance, int level, CancellationToken cancellationToken)
    {
        if (level <= grievance.Level || level > _levels)
        {
            throw new InvalidOperationException(
                $"The escalation policy {_escalation.GetType().Name} asked to move grievance {grievance.Id} from L{grievance.Level} to L{level}; it must go up, to at most L{_levels}.");
        }

        return new PolicyAnswers
        {
            Escalation = EscalationKind.EscalateToLevel,
            TargetLevel = level,
            Officer = await OfficerAtAsync(grievance, RoutingReason.Escalation, grievance.Department!.Value, level, cancellationToken).ConfigureAwait(false),
        };
    }

    private async ValueTask<OfficerId?> OfficerAtAsync(GrievanceSnapshot grievance, RoutingReason reason, DepartmentId department, int level, CancellationToken cancellationToken)
        => (await _routing.RouteAsync(new RoutingRequest(grievance, reason, department, level), cancellationToken).ConfigureAwait(false)).Officer;

    /// <summary>Fires the lifecycle on this thread's machine and records the new snapshot and history entry. Synchronous by design.</summary>
    private GrievanceChange Apply(GrievanceCommand command, GrievanceSnapshot grievance, in PolicyAnswers answers, DateTimeOffset now)
    {
        var lifecycle = _machines(grievance.Id);
        lifecycle.Context.Load(_limits, grievance, answers.Escalation, answers.Feedback);
        var state = lifecycle.Fire(command.Action);
        var status = LifecycleStates.StatusOf(state);
        var closed = status == GrievanceStatus.Closed;

        var g = new Draft(grievance);
        string? text = null;
        string? reasonCode = null;
        int? rating = null;
        var isInternal = false;
        switch (command)
        {
            case RouteGrievance:
                g.Department = answers.Department;
                g.Officer = answers.Officer;
                g.Level = 1;
                ArmOfficerClock(ref g, grievance, now);
                break;
            case ReportAction report:
                (g.DueAt, g.IsOverdue, g.UnreachableAttempts, g.DisposedAt, text) = (null, false, 0, now, report.Report);
                g.FeedbackDueAt = _clock.FeedbackDeadline(now);
                g.TimerToken++;
                break;
            case RecordFeedback feedback:
                (text, rating) = (feedback.Reason, feedback.Rating);
                if (feedback.Response == FeedbackResponse.NotReachable)
                {
                    g.UnreachableAttempts++;
                    reasonCode = closed ? HistoryReasonCodes.UnreachableLimit : null;
                }
                else if (feedback.Response == FeedbackResponse.Dissatisfied)
                {
                    reasonCode = Dissatisfied(ref g, grievance, answers, now);
                }

                break;
            case TransferGrievance transfer:
                (g.Department, g.Officer, g.Level, g.ReopenCounts, text) = (answers.Department, answers.Officer, 1, LevelCounts.Empty, transfer.Reason);
                g.TransferCount++;
                ArmOfficerClock(ref g, grievance, now);
                break;
            case RejectGrievance reject:
                (g.RejectionReasonCode, reasonCode, text) = (reject.ReasonCode, reject.ReasonCode, reject.Remarks);
                break;
            case WithdrawGrievance withdraw:
                text = withdraw.Reason;
                break;
            case MarkDuplicate duplicate:
                (g.DuplicateOf, reasonCode, text) = (duplicate.Original, duplicate.Original.Value, duplicate.Remarks);
                break;
            case AddNote note:
                (text, isInternal) = (note.Text, note.IsInternal);
                break;
            case RequestClarification request:
                (g.PausedAt, text) = (now, request.Question);
                g.TimerToken++;
                break;
            case ProvideClarification provided:
                (g.DueAt, g.PausedAt, text) = (grievance.DueAt + (now - grievance.PausedAt), null, provided.Answer);
                g.TimerToken++;
                break;
            case ExtendDeadline extension:
                (g.DueAt, g.IsOverdue, text) = (extension.NewDueAt, false, extension.Reason);
                g.ExtensionCount++;
                g.TimerToken++;
                break;
            case EscalateGrievance escalate:
                (g.Level, g.Officer, text, reasonCode) = (answers.TargetLevel, answers.Officer, escalate.Reason, HistoryReasonCodes.EscalatedManually);
                ArmOfficerClock(ref g, grievance, now);
                break;
            case HandleDueWork { Kind: GrievanceAction.SlaBreach }:
                if (answers.Escalation == EscalationKind.EscalateToLevel)
                {
                    (g.Level, g.Officer, reasonCode) = (answers.TargetLevel, answers.Officer, HistoryReasonCodes.EscalatedOnBreach);
                    ArmOfficerClock(ref g, grievance, now);
                }
                else
                {
                    (g.IsOverdue, reasonCode) = (true, HistoryReasonCodes.FlaggedDefaulter);
                }

                break;
            case HandleDueWork:
                if (closed)
                {
                    reasonCode = HistoryReasonCodes.FeedbackWindowClosed;
                }
                else
                {
                    g.FeedbackDueAt = _clock.FeedbackDeadline(now);
                    g.TimerToken++;
                }

                break;
        }

        if (closed)
        {
            (g.DueAt, g.FeedbackDueAt, g.PausedAt) = (null, null, null);
        }

        var next = g.ToSnapshot(grievance, status, LifecycleStates.OutcomeOf(state), now);
        var entry = new HistoryEntry
        {
            GrievanceId = grievance.Id,
            Sequence = next.Version,
            OccurredAt = now,
            Actor = command.Actor,
            Action = command.Action,
            FromStatus = grievance.Status,
            ToStatus = status,
            Outcome = next.Outcome,
            FromLevel = grievance.Level,
            ToLevel = next.Level,
            Department = next.Department,
            Officer = next.Officer,
            Text = text,
            ReasonCode = reasonCode,
            Rating = rating,
            IsInternal = isInternal,
            CommandId = command.CommandId,
        };
        return new GrievanceChange(next, entry, EventRecorder.For(entry, next));
    }

    private string Dissatisfied(ref Draft g, GrievanceSnapshot grievance, in PolicyAnswers answers, DateTimeOffset now)
    {
        g.FeedbackDueAt = null;
        switch (answers.Escalation)
        {
            case EscalationKind.ReopenAtSameLevel:
                g.ReopenCounts = grievance.ReopenCounts.Increment(grievance.Level);
                ArmOfficerClock(ref g, grievance, now);
                return HistoryReasonCodes.Reopened;
            case EscalationKind.EscalateToLevel:
                (g.Level, g.Officer) = (answers.TargetLevel, answers.Officer);
                ArmOfficerClock(ref g, grievance, now);
                return HistoryReasonCodes.EscalatedOnDissatisfaction;
            default:
                return HistoryReasonCodes.ClosedAtFinalLevel;
        }
    }

    /// <summary>Starts a fresh officer clock at the draft's level: new deadline, new token, no extensions, not overdue.</summary>
    private void ArmOfficerClock(ref Draft g, GrievanceSnapshot grievance, DateTimeOffset now)
    {
        g.DueAt = _clock.OfficerDeadline(grievance.Category, g.Level, now);
        g.IsOverdue = false;
        g.ExtensionCount = 0;
        g.TimerToken++;
    }

    private async ValueTask<WorkflowResult> ReplayAsync(CommandId commandId, GrievanceId? grievanceId, GrievanceAction action, HistoryEntry prior, CancellationToken cancellationToken)
    {
        if ((grievanceId is { } id && prior.GrievanceId != id) || prior.Action != action)
        {
            return WorkflowResult.Failure(new CommandIdConflictException(commandId, grievanceId, action, prior.GrievanceId, prior.Action));
        }

        var grievance = await _store.FindAsync(prior.GrievanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new GrievanceNotFoundException(prior.GrievanceId);
        return WorkflowResult.Success(new CommandResult(grievance, prior, isReplay: true));
    }

    private GrievanceActionNotAllowedException NotAllowed(GrievanceSnapshot grievance, GrievanceAction action, string? reason)
        => new(grievance.Id, grievance.Status, grievance.Outcome, action, AllowedByLifecycle(grievance), reason);

    private List<GrievanceAction> AllowedByLifecycle(GrievanceSnapshot grievance)
    {
        var lifecycle = _machines(grievance.Id);
        lifecycle.Context.Load(_limits, grievance);
        return lifecycle.ActionsAllowedNow();
    }

    private static ValueTask<CommandResult> Unwrap(ValueTask<WorkflowResult> pending)
    {
        return pending.IsCompletedSuccessfully ? new ValueTask<CommandResult>(pending.Result.GetValueOrThrow()) : Slow(pending);

        static async ValueTask<CommandResult> Slow(ValueTask<WorkflowResult> pending) => (await pending.ConfigureAwait(false)).GetValueOrThrow();
    }
}
