namespace Grievance.Workflow.Demo.Simulation;

/// <summary>Where a running simulation is.</summary>
/// <param name="Now">The simulated time.</param>
/// <param name="Fraction">How much of the simulated period is done, from 0 to 1.</param>
/// <param name="Registered">Complaints registered so far.</param>
/// <param name="Commands">Commands applied so far.</param>
public readonly record struct SimulationProgress(DateTimeOffset Now, double Fraction, int Registered, long Commands);
