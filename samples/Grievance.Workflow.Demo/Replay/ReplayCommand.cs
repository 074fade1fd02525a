using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grievance.Workflow.Demo.Replay;

/// <summary>Replays a scenario file and prints each grievance's final state and history as JSON; a bad file exits with 2, naming the line.</summary>
public sealed class ReplayCommand(IAnsiConsole console) : AsyncCommand<ReplaySettings>
{

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, ReplaySettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            var path = File.Exists(settings.File) ? settings.File : Path.Combine(AppContext.BaseDirectory, settings.File);
            var grievances = await ScenarioRunner.RunAsync(ScenarioReader.Read(path), cancellationToken);
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(grievances, Json));
            return 0;
        }
        catch (ScenarioException ex)
        {
            StandardError.Console.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return 2;
        }
    }
}
