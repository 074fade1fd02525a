using System.Diagnostics;
using Grievance.Workflow.Demo.Simulation;
using Grievance.Workflow.Import;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grievance.Workflow.Demo.Import;

/// <summary>Imports a JSON-lines file into a kept store; run again, it skips what is in (so it also resumes after a crash).</summary>
public sealed class ImportCommand(IAnsiConsole console) : AsyncCommand<ImportSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, ImportSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var services = new ServiceCollection();
        StoreSetup.UseKept(services.AddGrievanceWorkflow(), settings.Store, settings.Connection);
        await using var provider = services.BuildServiceProvider();
        var importer = provider.GetRequiredService<IGrievanceImporter>();
        var watch = Stopwatch.StartNew();
        var progress = new Progress<ImportProgress>(p =>
            console.MarkupLineInterpolated($"  {p.Read:N0} read · {p.Imported:N0} imported · {p.AlreadyPresent:N0} already in · {p.Rejected:N0} refused · {p.Read / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0}/s"));
        console.MarkupLineInterpolated($"Importing {Path.GetFullPath(settings.File)} into [bold]{StoreSetup.Describe(settings.Store, settings.Connection, kept: true)}[/].");
        ImportResult result;
        try
        {
            result = await importer.ImportAsync(ImportFile.ReadAsync(settings.File, cancellationToken), new ImportOptions { BatchSize = settings.Batch, RecordEvents = settings.Events }, new Throttled(progress, every: 50), cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            StandardError.Console.MarkupLineInterpolated($"[red]{ex.Message}[/] Whole batches before it are stored; fix the line and run again.");
            return 2;
        }

        var t = result.Totals;
        console.MarkupLineInterpolated($"Done in {watch.Elapsed.TotalSeconds:N1} s: [bold]{t.Imported:N0}[/] imported, {t.AlreadyPresent:N0} already in, {t.Rejected:N0} refused, of {t.Read:N0} read ({t.Read / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0} records/s).");
        foreach (var rejection in result.Rejections.Take(20))
        {
            console.MarkupLineInterpolated($"  [yellow]record {rejection.Index} ({rejection.ReferenceNumber})[/]: {rejection.Reason}");
        }

        return t.Rejected == 0 ? 0 : 3;
    }

    /// <summary>Passes on every <c>every</c>-th report, so a long import prints a line per 50,000 records, not per batch.</summary>
    private sealed class Throttled(IProgress<ImportProgress> inner, int every) : IProgress<ImportProgress>
    {
        private int _seen;

        public void Report(ImportProgress value)
        {
            if (++_seen % every == 0)
            {
                inner.Report(value);
            }
        }
    }
}
