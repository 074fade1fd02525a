using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models.LifeCycleEvents;

namespace Grievance.Workflow.Benchmarks.Peers;

/// <summary>
/// "Why not a general workflow engine?" — the seed's worst path (register, report, dissatisfied, report, dissatisfied to L2, report,
/// satisfied) end to end, one complaint after another: this engine on its in-memory store against WorkflowCore 3.22 on its
/// in-memory persistence, its host running as a host app runs it. WorkflowCore's in-memory provider scans lists, so both get a
/// fresh container for each iteration of a small batch.
/// </summary>
[Config(typeof(Config))]
public class WorkflowPeerBenchmarks
{
    private const int Batch = 256;

    private ServiceProvider? _engineServices;
    private IGrievanceWorkflow _engine = null!;
    private ServiceProvider? _peerServices;
    private IWorkflowHost _host = null!;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _completions = new();

    [IterationSetup(Targets = new[] { nameof(Engine) })]
    public void FreshEngine()
    {
        _engineServices?.Dispose();
        _engineServices = BenchmarkWorkflow.Build();
        _engine = _engineServices.GetRequiredService<IGrievanceWorkflow>();
    }

    [IterationSetup(Targets = new[] { nameof(WorkflowCore) })]
    public void FreshWorkflowCore()
    {
        StopWorkflowCore();
        var services = new ServiceCollection().AddLogging();
        services.AddWorkflow();
        _peerServices = services.BuildServiceProvider();
        _host = _peerServices.GetRequiredService<IWorkflowHost>();
        _host.RegisterWorkflow<WorstPathOnWorkflowCore, WorstPathOnWorkflowCore.Data>();
        _host.OnLifeCycleEvent += e =>
        {
            if (e is WorkflowCompleted && _completions.TryRemove(e.WorkflowInstanceId, out var done))
            {
                done.TrySetResult();
            }
        };
        _host.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engineServices?.Dispose();
        StopWorkflowCore();
    }

    [Benchmark(Baseline = true, Description = "This engine, in-memory store")]
    public Task<long> Engine() => WorstPathBenchmarks.RunAsync(_engine);

    [Benchmark(Description = "WorkflowCore 3.22, in-memory persistence")]
    public async Task<int> WorkflowCore()
    {
        var data = new WorstPathOnWorkflowCore.Data();
        var id = await _host.StartWorkflow(WorstPathOnWorkflowCore.Name, 1, data);
        var done = _completions.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        string[] feedback = ["dissatisfied", "dissatisfied", "satisfied"];
        for (var round = 1; round <= 3; round++)
        {
            await _host.PublishEvent("report", WorstPathOnWorkflowCore.Key(id, round), "Action taken.");
            await _host.PublishEvent("feedback", WorstPathOnWorkflowCore.Key(id, round), feedback[round - 1]);
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return data.History.Count;
    }

    private void StopWorkflowCore()
    {
        if (_peerServices is null)
        {
            return;
        }

        _host.Stop();
        _peerServices.Dispose();
        _peerServices = null;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithInvocationCount(Batch).WithUnrollFactor(1).WithWarmupCount(5).WithIterationCount(15));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
