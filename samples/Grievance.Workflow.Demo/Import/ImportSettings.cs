using System.ComponentModel;
using Grievance.Workflow.Demo.Simulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grievance.Workflow.Demo.Import;

/// <summary>The import command's command line.</summary>
public sealed class ImportSettings : CommandSettings
{
    /// <summary>Gets or sets the file to read.</summary>
    [CommandArgument(0, "<FILE>")]
    [Description("A JSON-lines import file (see the README; generate-import writes one).")]
    public string File { get; set; } = string.Empty;

    /// <summary>Gets or sets the store.</summary>
    [CommandOption("--store <STORE>")]
    [Description("sqlite (a file, kept: a rerun skips what is in) or postgres (schema grievance_import, kept). Never the simulator's file or schema.")]
    [DefaultValue(StoreKind.Sqlite)]
    public StoreKind Store { get; set; } = StoreKind.Sqlite;

    /// <summary>Gets or sets the connection string.</summary>
    [CommandOption("--connection <CONNECTION>")]
    [Description("SQLite: default Data Source=imported.db. PostgreSQL: required.")]
    public string? Connection { get; set; }

    /// <summary>Gets or sets the batch size.</summary>
    [CommandOption("--batch <SIZE>")]
    [Description("Records per store write, 1 to 1,000.")]
    [DefaultValue(1000)]
    public int Batch { get; set; } = 1000;

    /// <summary>Gets or sets whether to record an Imported event per grievance.</summary>
    [CommandOption("--events")]
    [Description("Record one Imported event per grievance in the outbox.")]
    public bool Events { get; set; }

    /// <inheritdoc />
    public override ValidationResult Validate()
        => string.IsNullOrWhiteSpace(File) ? ValidationResult.Error("Name the file to import.")
            : Store == StoreKind.Memory ? ValidationResult.Error("--store memory keeps nothing: import into sqlite or postgres.")
            : Batch is < 1 or > GrievanceLimits.MaxBatchSize ? ValidationResult.Error($"--batch {Batch}: from 1 to {GrievanceLimits.MaxBatchSize:N0}.")
            : ValidationResult.Success();
}
