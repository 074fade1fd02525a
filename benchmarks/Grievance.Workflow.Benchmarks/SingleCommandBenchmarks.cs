using BenchmarkDotNet.Attributes;
using Grievance.Workflow.DependencyInjection;
using Grievance.Workflow.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Benchmarks;

/// <summary>
/// One command. The raw baseline fires the lifecycle's own Stateless machine, reused, alternating "report action" and
/// "dissatisfied" (reopen). The engine runs the same two commands through the whole pipeline (validation, store load,
/// authorization, policies, fire, snapshot + history, versioned save): round-robin over 1,024 grievances whose data stays in the
/// CPU caches — the like-for-like comparison — and "report action" once on each of 16,384 grievances, whose data is cold.
/// </summary>
[Config(typeof(BatchConfig))]
public class SingleCommandBenchmarks
{
    private const int WarmGrievances = 1024;

    private ServiceProvider? _provider;
    private IGrievanceWorkflow _workflow = null!;
    private GrievanceCommand[] _commands = null!;
    private int _next;

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

    [GlobalCleanup]
    public void Cleanup() => _provider?.Dispose();

    [Benchmark(Baseline = true, Description = "Stateless Fire, reused machine")]
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
