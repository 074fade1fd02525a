namespace Grievance.Workflow.Demo.Simulation;

/// <summary>What to simulate.</summary>
public sealed record SimulationOptions
{
    /// <summary>Gets the number of simulated days. The default is 7.</summary>
    public int Days { get; init; } = 7;

    /// <summary>Gets the complaints registered per day. The default is 4,500, the CM Helpline 1076's daily average.</summary>
    public int PerDay { get; init; } = 4_500;

    /// <summary>Gets the random seed: the same seed gives the same figures. The default is 1076.</summary>
    public int Seed { get; init; } = 1076;

    /// <summary>
    /// Gets whether intake limits and likely duplicates run (<c>--intake</c>): 5% of the calls are an earlier caller calling again
    /// about the same thing, the desk allows 2 complaints of a category a day per complainant, and triage confirms the likely
    /// duplicates intake records. The default is <see langword="false"/>: the seed's flow, every complaint from its own caller.
    /// </summary>
    public bool Intake { get; init; }

    /// <summary>
    /// Gets whether appeals run (<c>--appeals</c>): a third of the complainants whose grievance is closed at the final level or
    /// rejected appeal within days; the appellate authority upholds 60% of the closures and sends the rest back to L1. The default
    /// is <see langword="false"/>: closed stays closed, as in the seed's flow.
    /// </summary>
    public bool Appeals { get; init; }

    /// <summary>Gets how many commands run at once within one simulated quarter-hour. The default is 2: with SQLite's single writer, more only queue.</summary>
    public int Parallelism { get; init; } = 2;
}
