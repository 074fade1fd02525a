using Grievance.Workflow.Lifecycle;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grievance.Workflow.Demo.Simulation;

/// <summary>Runs the simulator and shows the dashboard; exits with 1 when the figures do not reconcile.</summary>
public sealed class SimulateCommand(IAnsiConsole console) : AsyncCommand<SimulateSettings>
{
    /// <summary>The file the lifecycle diagram is written to, in the current folder.</summary>
    public const string DiagramFile = "grievance-lifecycle.mmd";

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, SimulateSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.ToOptions();
        SimulationReport report;
        if (settings.Quiet)
        {
            report = await HelplineSimulator.RunAsync(options, settings.Store, settings.Connection, progress: null, cancellationToken);
        }
        else
        {
            console.MarkupLineInterpolated($"Simulating the UP CM Helpline 1076: [bold]{options.Days}[/] days × [bold]{options.PerDay:N0}[/] complaints a day on [bold]{settings.Store}[/] (seed {options.Seed}).");
            report = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("Starting", maxValue: 1.0);
                    var progress = new Progress<SimulationProgress>(p =>
                    {
                        task.Value = p.Fraction;
                        task.Description = $"{p.Now.ToOffset(TimeSpan.FromHours(5.5)):ddd dd MMM HH:mm} IST · {p.Registered:N0} registered · {p.Commands:N0} commands";
                    });
                    var result = await HelplineSimulator.RunAsync(options, settings.Store, settings.Connection, progress, cancellationToken);
                    task.Value = 1.0;
                    return result;
                });
        }

        var diagram = Path.GetFullPath(DiagramFile);
        await File.WriteAllTextAsync(diagram, GrievanceLifecycleDiagram.ToMermaid(), cancellationToken);
        if (settings.Quiet)
        {
            Dashboard.WriteQuiet(console, report, diagram);
        }
        else
        {
            Dashboard.Write(console, report, diagram);
        }

        return report.Reconcile().Count == 0 ? 0 : 1;
    }
}
