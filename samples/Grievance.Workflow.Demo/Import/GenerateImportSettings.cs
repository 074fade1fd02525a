using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grievance.Workflow.Demo.Import;

/// <summary>The import generator's command line.</summary>
public sealed class GenerateImportSettings : CommandSettings
{
    /// <summary>Gets or sets the file to write.</summary>
    [CommandArgument(0, "<FILE>")]
    [Description("The JSON-lines file to write (replaced if it exists).")]
    public string File { get; set; } = string.Empty;

    /// <summary>Gets or sets how many records.</summary>
    [CommandOption("--count <COUNT>")]
    [Description("Records to write, 1 to 100,000,000.")]
    [DefaultValue(100_000L)]
    public long Count { get; set; } = 100_000;

    /// <summary>Gets or sets the seed.</summary>
    [CommandOption("--seed <SEED>")]
    [Description("Random seed: the same seed gives the same records (and reference numbers IMP-<seed>-<n>).")]
    [DefaultValue(1076)]
    public int Seed { get; set; } = 1076;

    /// <summary>Gets or sets the first registration day.</summary>
    [CommandOption("--from <DATE>")]
    [Description("The first registration day, yyyy-MM-dd (UTC).")]
    [DefaultValue("2019-01-01")]
    public string From { get; set; } = "2019-01-01";

    /// <summary>Gets or sets the days registrations spread over.</summary>
    [CommandOption("--days <DAYS>")]
    [Description("Days the registrations spread over, 1 to 7,300.")]
    [DefaultValue(730)]
    public int Days { get; set; } = 730;

    /// <summary>Gets the first registration day.</summary>
    public DateTimeOffset FromDate => DateTimeOffset.ParseExact(From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <inheritdoc />
    public override ValidationResult Validate()
        => string.IsNullOrWhiteSpace(File) ? ValidationResult.Error("Name the file to write.")
            : Count is < 1 or > 100_000_000 ? ValidationResult.Error($"--count {Count}: from 1 to 100,000,000.")
            : Days is < 1 or > 7_300 ? ValidationResult.Error($"--days {Days}: from 1 to 7,300.")
            : !DateTimeOffset.TryParseExact(From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) ? ValidationResult.Error($"--from {From}: a date as yyyy-MM-dd.")
            : ValidationResult.Success();
}
