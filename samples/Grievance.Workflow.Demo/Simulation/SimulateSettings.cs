using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grievance.Workflow.Demo.Simulation;

/// <summary>The simulator's command line.</summary>
public sealed class SimulateSettings : CommandSettings
{
    /// <summary>Gets or sets the number of simulated days.</summary>
    [CommandOption("--days <DAYS>")]
    [Description("Simulated days, 1 to 60.")]
    [DefaultValue(7)]
    public int Days { get; set; } = 7;

    /// <summary>Gets or sets the complaints per day.</summary>
    [CommandOption("--per-day <COUNT>")]
    [Description("Complaints registered per day, 1 to 50,000 (CM Helpline 1076: about 4,500).")]
    [DefaultValue(4500)]
    public int PerDay { get; set; } = 4_500;

    /// <summary>Gets or sets the seed.</summary>
    [CommandOption("--seed <SEED>")]
    [Description("Random seed: the same seed gives the same figures.")]
    [DefaultValue(1076)]
    public int Seed { get; set; } = 1076;

    /// <summary>Gets or sets the store.</summary>
    [CommandOption("--store <STORE>")]
    [Description("memory, sqlite (a file in the current folder) or postgres.")]
    [DefaultValue(StoreKind.Sqlite)]
    public StoreKind Store { get; set; } = StoreKind.Sqlite;

    /// <summary>Gets or sets the connection string.</summary>
    [CommandOption("--connection <CONNECTION>")]
    [Description("SQLite: a connection string naming a new file (default: Data Source=grievances.db, made afresh). PostgreSQL: required; the run uses a schema of its own, grievance_demo, made afresh.")]
    public string? Connection { get; set; }

    /// <summary>Gets or sets whether intake limits and likely duplicates run.</summary>
    [CommandOption("--intake")]
    [Description("Intake limits and likely duplicates: 5% of calls repeat an earlier caller's complaint; 2 complaints of a category a day per complainant; triage confirms likely duplicates.")]
    public bool Intake { get; set; }

    /// <summary>Gets or sets whether appeals run.</summary>
    [CommandOption("--appeals")]
    [Description("Appeals after closure: a third of the complaints closed at the final level or rejected are appealed; the appellate authority upholds 60%, sends the rest back to L1.")]
    public bool Appeals { get; set; }

    /// <summary>Gets or sets whether to print only a few lines.</summary>
    [CommandOption("-q|--quiet")]
    [Description("No progress bar and no tables: a few lines of figures.")]
    public bool Quiet { get; set; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Days is < 1 or > 60)
        {
            return ValidationResult.Error($"--days must be from 1 to 60; got {Days}.");
        }

        if (PerDay is < 1 or > 50_000)
        {
            return ValidationResult.Error($"--per-day must be from 1 to 50,000; got {PerDay}.");
        }

        if (Store == StoreKind.Postgres && string.IsNullOrWhiteSpace(Connection))
        {
            return ValidationResult.Error("--store postgres needs --connection \"Host=…;Database=…;Username=…;Password=…\".");
        }

        if (Store == StoreKind.Memory && Connection is not null)
        {
            return ValidationResult.Error("--connection makes no sense with --store memory.");
        }

        return ValidationResult.Success();
    }

    /// <summary>Gets the simulation options these settings ask for.</summary>
    /// <returns>The options.</returns>
    public SimulationOptions ToOptions() => new() { Days = Days, PerDay = PerDay, Seed = Seed, Intake = Intake, Appeals = Appeals };
}
