using BenchmarkDotNet.Attributes;
using Grievance.Workflow.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Benchmarks;

/// <summary>
/// What a dispatcher pays to read the in-memory outbox: 3,072 events (1,024 grievances registered, routed and reported on), read
/// in pages of 512 as the dispatcher does, with a one-line report and with a 4,000-character one (the longest allowed). Events never
/// carry the report text, so the two should cost the same.
/// </summary>
[MemoryDiagnoser]
public class OutboxReadBenchmarks
{
    private const int Grievances = 1024;

    private ServiceProvider? _provider;
    private IOutboxStore _outbox = null!;

    [Params(16, 4000)]
    public int ReportLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _provider = BenchmarkWorkflow.Build();
        var workflow = _provider.GetRequiredService<IGrievanceWorkflow>();
        var report = new string('अ', ReportLength);
        for (var i = 0; i < Grievances; i++)
        {
            var id = workflow.RegisterAsync(BenchmarkWorkflow.Complaint).AsTask().GetAwaiter().GetResult().Grievance.Id;
            workflow.ExecuteAsync(new ReportAction(id, BenchmarkWorkflow.L1, report)).AsTask().GetAwaiter().GetResult();
        }

        _outbox = _provider.GetRequiredService<IOutboxStore>();
    }

    [GlobalCleanup]
    public void Cleanup() => _provider?.Dispose();

    /// <summary>Reads every event once; the result is the number read (3,072).</summary>
    [Benchmark(OperationsPerInvoke = Grievances * 3)]
    public int ReadEveryEvent()
    {
        var read = 0;
        for (var after = 0L; ;)
        {
            var page = _outbox.ReadAsync(after, 512, default).AsTask().GetAwaiter().GetResult();
            if (page.Count == 0)
            {
                return read;
            }

            read += page.Count;
            after = page[^1].Position;
        }
    }
}
