using Grievance.Workflow.Demo;
using Grievance.Workflow.Demo.Replay;
using Grievance.Workflow.Demo.Simulation;
using Spectre.Console;
using Spectre.Console.Cli;

// The CM Helpline 1076 simulator (the default command) and the scenario replayer, on the library's public API and DI only.
const string Usage = """
    Usage:
      dotnet run --project samples/Grievance.Workflow.Demo -- [simulate] [--days 7] [--per-day 4500] [--seed 1076]
                                                            [--store memory|sqlite|postgres] [--connection "…"] [--quiet]
      dotnet run --project samples/Grievance.Workflow.Demo -- replay <scenario.json>
    Add --help for the details.
    """;

if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 200; // tables keep their shape in files and pipes
}

var errors = StandardError.Console;
var app = new CommandApp<SimulateCommand>();
app.Configure(config =>
{
    config.SetApplicationName("dotnet run --project samples/Grievance.Workflow.Demo --");
    config.UseStrictParsing();
    config.AddCommand<SimulateCommand>("simulate")
        .WithDescription("Simulate the UP CM Helpline 1076 (the default).")
        .WithExample("simulate", "--days", "1", "--per-day", "500", "--store", "memory");
    config.AddCommand<ReplayCommand>("replay")
        .WithDescription("Replay a scenario file (JSON commands with actors and times); print each grievance's final state and history as JSON.")
        .WithExample("replay", "scenarios/seed-dissatisfied-twice.json");
    config.SetExceptionHandler((exception, _) =>
    {
        if (exception is CommandAppException)
        {
            // A bad command line: what is wrong, then how to write it.
            errors.MarkupLineInterpolated($"[red]{exception.Message}[/]");
            errors.WriteLine();
            errors.WriteLine(Usage);
            return 64;
        }

        errors.MarkupLineInterpolated($"[red]The run failed:[/] {exception.Message}");
        return 1;
    });
});
return await app.RunAsync(args);
