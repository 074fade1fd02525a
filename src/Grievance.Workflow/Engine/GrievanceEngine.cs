using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Authorization;
using Grievance.Workflow.Clocks;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Feedback;
using Grievance.Workflow.Intake;
using Grievance.Workflow.Lifecycle;
using Grievance.Workflow.Registration;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Engine;

/// <summary>
/// The engine behind <see cref="IGrievanceWorkflow"/>. Every command flows one way: validate → load → authorize → ask the policies →
/// fire the lifecycle → record the snapshot and history entry → save with the expected version.
/// </summary>
/// <remarks>Thread-safe. Holds no per-grievance state; the lifecycle machines are reused per thread.</remarks>
internal sealed partial class GrievanceEngine : IGrievanceWorkflow
{
    private const int ReferenceNumberAttempts = 5;

    // Chains are recorded against their root, so they stay one link long; the bound only guards against data written otherwise.
    private const int MaxDuplicateHops = 64;

    private readonly IGrievanceStore _store;
    private readonly IRoutingPolicy _routing;
    private readonly IEscalationPolicy _escalation;
    private readonly IFeedbackPolicy _feedback;
    private readonly IAuthorizationPolicy _authorization;
    private readonly IReferenceNumberGenerator _referenceNumbers;
    private readonly TimeProvider _time;
    private readonly int _retryLimit;
    private readonly RetryBackoff _backoff;
    private readonly GrievanceTurns _turns = new();
    private readonly IIntakePolicy _intake;
    private readonly string[] _specialClosureReasonCodes;
    private readonly LifecycleLimits _limits;
    private readonly SlaClock _clock;
    private readonly IBusinessCalendar _calendar;
    private readonly int _extensionHorizon;
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
        ILogger? logger = null,
        IIntakePolicy? intake = null)
    {
        _intake = intake ?? TakeEveryRegistration.Instance;
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
        _retryLimit = value.ConcurrencyRetryLimit;
        _backoff = new RetryBackoff(value.ConcurrencyRetryBaseDelay, value.ConcurrencyRetryMaxDelay);
        var ladders = new LadderCache(value);
        _limits = new LifecycleLimits(value.Levels, value.MaxTransfers, value.Sla.MaxExtensions, value.Reopen.Enabled ? value.Reopen.Window : null, value.SpecialClosure.Enabled,
            value.Appeals.Enabled
                ? new AppealRules(value.Appeals.Window, new HashSet<GrievanceOutcome>(value.Appeals.Outcomes), value.Appeals.MaxPerGrievance, value.Appeals.PoorRatingAtMost,
                    value.Appeals.AppellateLevel, value.Appeals.DecisionWorkingDays)
                : null,
            ladders);
        _clock = new SlaClock(calendar, ladders, value.Feedback.Window);
        _specialClosureReasonCodes = value.SpecialClosure.ReasonCodes.Order(StringComparer.Ordinal).ToArray();
        _calendar = calendar;
        _extensionHorizon = value.Sla.ExtensionHorizonWorkingDays;
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

    /// <summary>
    /// The instant a command on a grievance is recorded at: the clock, or the grievance's last entry when the clock reads earlier
    /// (a clock stepped back, another node's clock behind), with a warning and a count, so that history never goes back in time.
    /// </summary>
    private DateTimeOffset InstantFor(GrievanceSnapshot grievance, GrievanceAction action)
    {
        var now = _time.GetUtcNow();
        if (now >= grievance.UpdatedAt)
        {
            return now;
        }

        Log.ClockRegressed(_logger, grievance.Id, action, now, grievance.UpdatedAt);
        _instruments.ClockRegressed(action);
        return grievance.UpdatedAt.ToUniversalTime();
    }

    private GrievanceActionNotAllowedException NotAllowed(GrievanceSnapshot grievance, GrievanceAction action, string? reason)
        => new(grievance.Id, grievance.Status, grievance.Outcome, action, AllowedByLifecycle(grievance), reason);

    private List<GrievanceAction> AllowedByLifecycle(GrievanceSnapshot grievance)
    {
        var lifecycle = _machines(grievance.Id);
        lifecycle.Context.Load(_limits, grievance, now: _time.GetUtcNow());
        return lifecycle.ActionsAllowedNow();
    }

    private static ValueTask<CommandResult> Unwrap(ValueTask<WorkflowResult> pending)
    {
        return pending.IsCompletedSuccessfully ? new ValueTask<CommandResult>(pending.Result.GetValueOrThrow()) : Slow(pending);

        static async ValueTask<CommandResult> Slow(ValueTask<WorkflowResult> pending) => (await pending.ConfigureAwait(false)).GetValueOrThrow();
    }
}
