using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using Grievance.Workflow.Demo.Simulation;

namespace Grievance.Workflow.Tests.Demo;

/// <summary>The demo's command line, run as a process: bad arguments print what is wrong and the usage, and exit non-zero.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--days 0", "--days must be from 1 to 60")]
    [InlineData("--per-day 60000", "--per-day must be from 1 to 50,000")]
    [InlineData("--store bogus", "bogus")]
    [InlineData("--frobnicate", "Unknown option")]
    [InlineData("--store postgres", "--store postgres needs --connection")]
    [InlineData("replay", "missing required argument")]
    public async Task Bad_arguments_print_the_problem_and_the_usage_and_exit_64(string arguments, string problem)
    {
        var (exitCode, _, error) = await RunAsync(arguments);

        exitCode.Should().Be(64);
        error.Should().Contain(problem).And.Contain("Usage:").And.Contain("replay <scenario.json>");
    }

    [Fact]
    public async Task A_bad_scenario_file_exits_2_naming_the_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\n  \"start\": \"2026-11-02T10:00:00+05:30\",\n  \"commands\": [\n    { \"at\": \"+1h\", \"do\": \"jump\", \"grievance\": \"A\", \"by\": \"system\" }\n  ]\n}");
        try
        {
            var (exitCode, output, error) = await RunAsync($"replay {file}");

            exitCode.Should().Be(2);
            error.Should().Contain($"{Path.GetFileName(file)}, line 4:").And.Contain("'jump' is not an action");
            output.Should().BeEmpty();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Replaying_a_shipped_scenario_prints_each_grievance_as_JSON()
    {
        var (exitCode, output, _) = await RunAsync("replay scenarios/seed-dissatisfied-twice.json");

        exitCode.Should().Be(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.EnumerateArray().Select(g => g.GetProperty("outcome").GetString()).Should().Equal("Resolved", "ClosedAtFinalLevel");
    }

    [Fact]
    public async Task A_quiet_short_run_in_memory_prints_reconciled_figures_and_writes_the_diagram()
    {
        var folder = Directory.CreateTempSubdirectory("demo-").FullName;
        try
        {
            var (exitCode, output, _) = await RunAsync("--days 1 --per-day 200 --store memory --quiet", folder);

            exitCode.Should().Be(0);
            output.Should().Contain("registered 200").And.Contain("Reconciled");
            (await File.ReadAllTextAsync(Path.Combine(folder, SimulateCommand.DiagramFile))).Should().StartWith("stateDiagram-v2");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_generated_file_imports_into_sqlite_and_a_rerun_skips_every_record()
    {
        var folder = Directory.CreateTempSubdirectory("demo-import-").FullName;
        try
        {
            var generated = await RunAsync("generate-import grievances.jsonl --count 2500 --seed 7", folder);
            var first = await RunAsync("import grievances.jsonl --batch 1000", folder);
            var simulated = await RunAsync("--days 1 --per-day 50 --quiet", folder); // makes its own file afresh, not the import's
            var again = await RunAsync("import grievances.jsonl", folder);

            generated.ExitCode.Should().Be(0, generated.Error);
            generated.Output.Should().Contain("Wrote 2,500 grievances");
            first.ExitCode.Should().Be(0, first.Error);
            first.Output.Should().Contain("2,500 imported, 0 already in, 0 refused, of 2,500 read");
            simulated.ExitCode.Should().Be(0, simulated.Error);
            again.Output.Should().Contain("0 imported, 2,500 already in, 0 refused", "a simulation never touches the import's file");

            var store = new Grievance.Workflow.Sqlite.SqliteGrievanceStore($"Data Source={Path.Combine(folder, StoreSetup.DefaultImportFile)};Pooling=False");
            var line = (await File.ReadAllLinesAsync(Path.Combine(folder, "grievances.jsonl")))[1234];
            var record = JsonSerializer.Deserialize<Grievance.Workflow.Import.ImportedGrievance>(line, Grievance.Workflow.Demo.Import.ImportFile.Json)!;
            (await store.FindByReferenceAsync(new ReferenceNumber("IMP-7-000001234"), default)).Should().Be(record.Grievance);
            (await store.GetHistoryAsync(record.Grievance.Id, default)).Should().Equal(record.History);
        }
        finally
        {
            Directory.Delete(folder, recursive: true); // the demo ran in a process of its own, now ended
        }
    }

    [Fact]
    public async Task A_line_that_is_not_a_record_stops_the_import_with_exit_2_naming_the_line()
    {
        var folder = Directory.CreateTempSubdirectory("demo-import-").FullName;
        try
        {
            await RunAsync("generate-import grievances.jsonl --count 3", folder);
            await File.AppendAllTextAsync(Path.Combine(folder, "grievances.jsonl"), "{\"grievance\": 42}\n");

            var (exitCode, _, error) = await RunAsync("import grievances.jsonl", folder);

            exitCode.Should().Be(2);
            error.Should().Contain("Line 4 of grievances.jsonl is not an import record");
        }
        finally
        {
            Directory.Delete(folder, recursive: true); // the demo ran in a process of its own, now ended
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string arguments, string? workingDirectory = null)
    {
        var demo = typeof(HelplineSimulator).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", $"\"{demo}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(demo)!,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
