using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Grievance.Workflow.Benchmarks;

/// <summary>
/// For benchmarks whose operations consume prepared grievances: a fixed batch per iteration (prepared outside the measurement by
/// an iteration setup), enough warm-up iterations for tiered JIT to reach its optimized code, and the non-concurrent workstation
/// GC (the usual throughput setting; every row runs under it alike).
/// </summary>
internal sealed class BatchConfig : ManualConfig
{
    public const int Batch = 16384;

    public BatchConfig()
    {
        AddJob(Job.Default
            .WithInvocationCount(Batch)
            .WithUnrollFactor(1)
            .WithWarmupCount(10)
            .WithIterationCount(20)
            .WithGcConcurrent(false)
            .WithGcServer(false));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
