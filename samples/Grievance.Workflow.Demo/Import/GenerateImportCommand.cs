using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grievance.Workflow.Demo.Import;

/// <summary>Writes a realistic import file (see <see cref="ImportGenerator"/>).</summary>
public sealed class GenerateImportCommand(IAnsiConsole console) : AsyncCommand<GenerateImportSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, GenerateImportSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var watch = Stopwatch.StartNew();
        var generator = await ImportGenerator.CreateAsync(cancellationToken);
        var written = await ImportFile.WriteAsync(settings.File, generator.Generate(settings.Count, settings.Seed, settings.FromDate, settings.Days), cancellationToken);
        console.MarkupLineInterpolated($"Wrote [bold]{written:N0}[/] grievances with their history to {Path.GetFullPath(settings.File)} in {watch.Elapsed.TotalSeconds:N1} s.");
        return 0;
    }
}
