using Grievance.Workflow.Demo.Import;
using Grievance.Workflow.Import;
using Grievance.Workflow.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Benchmarks.Scale;

/// <summary>A store of the scale run, filled through the public import API with the demo's generator, and its engine at the cut-over.</summary>
internal sealed class ScaleDatabase : IAsyncDisposable
{
    /// <summary>The first registration day of the generated grievances.</summary>
    public static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ScaleDatabase(ServiceProvider provider, int days)
    {
        Provider = provider;
        Days = days;
    }

    public ServiceProvider Provider { get; }

    public int Days { get; }

    /// <summary>The cut-over: a day after the last registration.</summary>
    public DateTimeOffset AsOf => From.AddDays(Days + 1);

    public IGrievanceWorkflow Workflow => Provider.GetRequiredService<IGrievanceWorkflow>();

    /// <summary>Makes the engine over a store the caller configures, on a clock at the cut-over.</summary>
    /// <param name="pagesInFlight">How many pages a sweep handles at once (<see cref="Sweeping.SweepOptions.PagesInFlight"/>), or <see langword="null"/> for the default.</param>
    public static ScaleDatabase Open(Action<IGrievanceWorkflowBuilder> useStore, int days, int? pagesInFlight = null)
    {
        var clock = new FixedClock(From.AddDays(days + 1));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        var builder = services.AddGrievanceWorkflow(o =>
        {
            o.Routing.CategoryDepartments["electricity"] = "dept-01";
            o.Routing.Officers.Add(new OfficerAssignment { Department = "dept-01", Level = 1, Officer = "dept-01-l1" });
            o.Routing.Officers.Add(new OfficerAssignment { Department = "dept-01", Level = 2, Officer = "dept-01-l2" });
            o.Sweep.PagesInFlight = pagesInFlight ?? o.Sweep.PagesInFlight;
        });
        useStore(builder);
        return new ScaleDatabase(services.BuildServiceProvider(), days);
    }

    /// <summary>Imports <paramref name="count"/> generated grievances; returns the import's totals and its wall time (index builds included).</summary>
    /// <param name="deferIndexes">A first load: the store's secondary indexes are built after it (<see cref="ImportOptions.DeferIndexes"/>).</param>
    /// <param name="pendingPercent">The share pending with an officer (see <see cref="ImportGenerator.Generate"/>).</param>
    /// <param name="awaitingFeedbackPercent">The share awaiting feedback (see <see cref="ImportGenerator.Generate"/>).</param>
    public async Task<(ImportProgress Totals, double Seconds)> ImportAsync(ImportGenerator generator, long count, int seed, int? pendingPercent = null, bool deferIndexes = false, int? awaitingFeedbackPercent = null)
    {
        var importer = Provider.GetRequiredService<IGrievanceImporter>();
        var options = new ImportOptions { DeferIndexes = deferIndexes };
        var (milliseconds, result) = await ScaleTimer.OnceAsync(async () =>
            await importer.ImportAsync(ToAsync(generator.Generate(count, seed, From, Days, pendingPercent, awaitingFeedbackPercent)), options));
        return (result.Totals, milliseconds / 1000);
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();

    private static async IAsyncEnumerable<ImportedGrievance> ToAsync(IEnumerable<ImportedGrievance> records)
    {
        foreach (var record in records)
        {
            yield return record;
        }

        await Task.CompletedTask;
    }
}
