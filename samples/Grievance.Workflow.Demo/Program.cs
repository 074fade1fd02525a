using Grievance.Workflow.Demo;
using Grievance.Workflow.Demo.Import;
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
      dotnet run --project samples/Grievance.Workflow.Demo -- generate-import <file.jsonl> [--count 100000] [--seed 1076]
      dotnet run --project samples/Grievance.Workflow.Demo -- import <file.jsonl> [--store sqlite|postgres] [--connection "…"]
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
    config.AddCommand<GenerateImportCommand>("generate-import")
        .WithDescription("Write a realistic import file: grievances with their history, as JSON lines.")
        .WithExample("generate-import", "grievances.jsonl", "--count", "100000");
    config.AddCommand<ImportCommand>("import")
        .WithDescription("Import a JSON-lines file of grievances with their history into a kept store; run again, it skips what is in.")
        .WithExample("import", "grievances.jsonl", "--store", "sqlite");
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
