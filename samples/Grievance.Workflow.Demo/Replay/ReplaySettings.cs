using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grievance.Workflow.Demo.Replay;

/// <summary>The replayer's command line.</summary>
public sealed class ReplaySettings : CommandSettings
{
    /// <summary>Gets or sets the scenario file.</summary>
    [CommandArgument(0, "<FILE>")]
    [Description("The scenario: a JSON file of commands with actors and times (see scenarios/).")]
    public string File { get; set; } = string.Empty;

    /// <inheritdoc />
    public override ValidationResult Validate()
        => string.IsNullOrWhiteSpace(File) ? ValidationResult.Error("Name the scenario file.") : ValidationResult.Success();
}
