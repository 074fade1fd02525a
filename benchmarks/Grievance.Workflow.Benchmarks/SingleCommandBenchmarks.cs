using BenchmarkDotNet.Attributes;
using Grievance.Workflow.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Benchmarks;

/// <summary>
/// One command. The raw baseline fires the lifecycle's own Stateless machine, reused, alternating "report action" and
/// "dissatisfied" (reopen). The engine runs the same two commands through the whole pipeline (validation, store load,
/// authorization, policies, fire, snapshot + history, versioned save): round-robin over 1,024 grievances whose data stays in the
/// CPU caches — the like-for-like comparison — and "report action" once on each of 16,384 grievances, whose data is cold. The
/// baseline does only what any engine must to decide a command on cold data — load the grievance from the store, authorize the
/// actor, fire the lifecycle — so the ratios show what the engine's other work (policies, snapshot, history entry, events, a
/// versioned save, telemetry) costs on top of it.
/// </summary>
[Config(typeof(BatchConfig))]
public class SingleCommandBenchmarks
{
    private const int WarmGrievances = 1024;

    private ServiceProvider? _provider;
    private IGrievanceWorkflow _workflow = null!;
    private GrievanceCommand[] _commands = null!;
    private int _next;
    private Storage.IGrievanceStore _store = null!;
    private Authorization.IAuthorizationPolicy _authorization = null!;

    private static readonly LifecycleLimits Limits = new(Levels: 2, MaxTransfers: 3, MaxExtensions: 2);

    [IterationSetup(Target = nameof(EngineCommandWarmGrievances))]
    public void PrepareWarmGrievances() => PrepareWarm(b => b.AddEscalationPolicy<AlwaysReopenEscalationPolicy>());

    private void PrepareWarm(Action<IGrievanceWorkflowBuilder> build)
    {
        _workflow = NewWorkflow(build);
        var ids = Enumerable.Range(0, WarmGrievances).Select(_ => Register().Id).ToArray();
        _commands = new GrievanceCommand[BatchConfig.Batch];
        for (var i = 0; i < _commands.Length; i++)
        {
            var id = ids[i % WarmGrievances];
            _commands[i] = (i / WarmGrievances) % 2 == 0
                ? new ReportAction(id, BenchmarkWorkflow.L1, "Bill corrected.")
                : new RecordFeedback(id, BenchmarkWorkflow.Agent, FeedbackResponse.Dissatisfied, "Still wrong.");
        }

        _next = 0;
    }

    [IterationSetup(Target = nameof(EngineCommandColdGrievances))]
    public void PrepareManyGrievances()
    {
        _workflow = NewWorkflow(null);
        _commands = new GrievanceCommand[BatchConfig.Batch];
        for (var i = 0; i < _commands.Length; i++)
        {
            _commands[i] = new ReportAction(Register().Id, BenchmarkWorkflow.L1, "Bill corrected.");
        }

        _next = 0;
    }

    [IterationSetup(Target = nameof(LoadAuthorizeFireColdGrievances))]
    public void PrepareBaseline()
    {
        PrepareManyGrievances();
        _store = _provider!.GetRequiredService<Storage.IGrievanceStore>();
        _authorization = _provider!.GetRequiredService<Authorization.IAuthorizationPolicy>();
    }

    [GlobalCleanup]
    public void Cleanup() => _provider?.Dispose();

    [Benchmark(Baseline = true, Description = "Load + authorize + fire, 16,384 grievances")]
    public async ValueTask<int> LoadAuthorizeFireColdGrievances()
    {
        var command = _commands[_next++];
        var grievance = (await _store.FindAsync(command.GrievanceId, default))!;
        var decision = await _authorization.AuthorizeAsync(new Authorization.AuthorizationRequest(command.Actor, command.Action, grievance), default);
        var lifecycle = GrievanceLifecycle.ForCurrentThread();
        lifecycle.Context.Load(Limits, grievance);
        return decision.IsAllowed ? (int)lifecycle.Fire(command.Action) : -1;
    }

    [Benchmark(Description = "Stateless Fire, reused machine")]
    public int RawFireOnReusedMachine()
    {
        var lifecycle = GrievanceLifecycle.ForCurrentThread();
        var context = lifecycle.Context;
        if (context.State is not (LifecycleState.PendingWithOfficer or LifecycleState.AwaitingFeedback))
        {
            context.State = LifecycleState.PendingWithOfficer;
        }

        var action = context.State == LifecycleState.PendingWithOfficer ? GrievanceAction.ReportAction : GrievanceAction.RecordDissatisfied;
        return (int)lifecycle.Fire(action);
    }

    [Benchmark(Description = "Engine command, 1,024 warm grievances")]
    public async ValueTask<long> EngineCommandWarmGrievances()
        => (await _workflow.ExecuteAsync(_commands[_next++])).Grievance.Version;

    [Benchmark(Description = "Engine command, 16,384 grievances")]
    public async ValueTask<long> EngineCommandColdGrievances()
        => (await _workflow.ExecuteAsync(_commands[_next++])).Grievance.Version;

    [Benchmark(Description = "Stateless machine built per command")]
    public int NaiveMachinePerCommand()
    {
        var lifecycle = GrievanceLifecycle.CreateDetached();
        lifecycle.Context.State = LifecycleState.PendingWithOfficer;
        return (int)lifecycle.Fire(GrievanceAction.ReportAction);
    }

    [Benchmark(Description = "Hand-written switch")]
    public GrievanceStatus HandWrittenSwitch()
        => HandWrittenLifecycle.Fire(GrievanceStatus.PendingWithOfficer, GrievanceAction.ReportAction, closeAtFinalLevel: false);

    private IGrievanceWorkflow NewWorkflow(Action<IGrievanceWorkflowBuilder>? build)
    {
        _provider?.Dispose();
        _provider = BenchmarkWorkflow.Build(build);
        return _provider.GetRequiredService<IGrievanceWorkflow>();
    }

    private GrievanceSnapshot Register()
    {
        var pending = _workflow.RegisterAsync(BenchmarkWorkflow.Complaint);
        return pending.IsCompletedSuccessfully ? pending.Result.Grievance : throw new InvalidOperationException("The in-memory store completes synchronously.");
    }
}
