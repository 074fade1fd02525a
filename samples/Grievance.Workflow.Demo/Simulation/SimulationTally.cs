namespace Grievance.Workflow.Demo.Simulation;

/// <summary>What the simulator itself counted while it ran (as opposed to what the store reports afterwards).</summary>
public sealed record SimulationTally
{
    /// <summary>Gets the options of the run.</summary>
    public required SimulationOptions Options { get; init; }

    /// <summary>Gets the simulated start.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Gets the simulated end.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Gets the complaints registered.</summary>
    public required int Registered { get; init; }

    /// <summary>Gets the commands the simulated people applied (registrations included).</summary>
    public required long Commands { get; init; }

    /// <summary>Gets the commands the due-work sweeper applied.</summary>
    public required long SweeperActions { get; init; }

    /// <summary>Gets the commands the workflow refused: a correct simulation has none.</summary>
    public required long Refused { get; init; }

    /// <summary>Gets the registrations intake refused at a limit (intake mode; none otherwise).</summary>
    public long IntakeRefused { get; init; }

    /// <summary>Gets the registrations intake recorded likely duplicates for, each confirmed by triage (intake mode; none otherwise).</summary>
    public long LikelyDuplicates { get; init; }

    /// <summary>Gets the wall-clock time the simulation took.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Gets the escalations by reason, as the library's metrics counted them.</summary>
    public required IReadOnlyDictionary<string, long> EscalationsByReason { get; init; }

    /// <summary>Gets the commands per wall-clock second, sweeper included.</summary>
    public double CommandsPerSecond => (Commands + SweeperActions) / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
