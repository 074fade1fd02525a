using BenchmarkDotNet.Attributes;
using Grievance.Workflow.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Benchmarks;

/// <summary>
/// The seed's worst path end to end, registration included: register, report, dissatisfied, report, dissatisfied (to L2),
/// report, satisfied. The engine with machines reused per thread against the same engine built the naive way, with a Stateless
/// machine per complaint (same store, policies and history). For scale, a bare Stateless machine per complaint doing only the
/// seven transitions and a history list, with no store, policies or validation.
/// </summary>
[Config(typeof(BatchConfig))]
public class WorstPathBenchmarks
{
    private ServiceProvider? _provider;
    private IGrievanceWorkflow _workflow = null!;

    [IterationSetup(Targets = new[] { nameof(Engine) })]
    public void FreshStore()
    {
        _provider?.Dispose();
        _provider = BenchmarkWorkflow.Build();
        _workflow = _provider.GetRequiredService<IGrievanceWorkflow>();
    }

    [IterationSetup(Targets = new[] { nameof(NaiveEngine) })]
    public void FreshStoreNaive()
    {
        _provider?.Dispose();
        _provider = BenchmarkWorkflow.Build();
        _workflow = BenchmarkWorkflow.NaiveMachinePerComplaint(_provider);
    }

    [GlobalCleanup]
    public void Cleanup() => _provider?.Dispose();

    [Benchmark(Description = "Bare Stateless machine per complaint, no engine")]
    public int BareMachinePerComplaint()
    {
        var lifecycle = GrievanceLifecycle.CreateDetached();
        var context = lifecycle.Context;
        var history = new List<(GrievanceAction, LifecycleState, LifecycleState)>(7);
        context.State = LifecycleState.Registered;
        Step(GrievanceAction.Route);
        Step(GrievanceAction.ReportAction);
        Step(GrievanceAction.RecordDissatisfied);
        Step(GrievanceAction.ReportAction);
        Step(GrievanceAction.RecordDissatisfied);
        Step(GrievanceAction.ReportAction);
        Step(GrievanceAction.RecordSatisfied);
        return history.Count;

        void Step(GrievanceAction action)
        {
            var from = context.State;
            history.Add((action, from, lifecycle.Fire(action)));
        }
    }

    [Benchmark(Baseline = true, Description = "Engine, naive: machine per complaint")]
    public Task<long> NaiveEngine() => RunAsync(_workflow);

    [Benchmark(Description = "Engine, machines reused per thread")]
    public Task<long> Engine() => RunAsync(_workflow);

    internal static async Task<long> RunAsync(IGrievanceWorkflow w)
    {
        var g = (await w.RegisterAsync(BenchmarkWorkflow.Complaint)).Grievance;
        await w.ExecuteAsync(new ReportAction(g.Id, BenchmarkWorkflow.L1, "Bill corrected."));
        await w.ExecuteAsync(new RecordFeedback(g.Id, BenchmarkWorkflow.Agent, FeedbackResponse.Dissatisfied, "Still wrong."));
        await w.ExecuteAsync(new ReportAction(g.Id, BenchmarkWorkflow.L1, "Meter checked."));
        await w.ExecuteAsync(new RecordFeedback(g.Id, BenchmarkWorkflow.Agent, FeedbackResponse.Dissatisfied, "Still wrong."));
        await w.ExecuteAsync(new ReportAction(g.Id, BenchmarkWorkflow.L2, "Meter replaced."));
        return (await w.ExecuteAsync(new RecordFeedback(g.Id, BenchmarkWorkflow.Agent, FeedbackResponse.Satisfied))).Grievance.Version;
    }
}
