namespace Grievance.Workflow.Demo.Simulation;

/// <summary>The simulation's clock: it moves only when the simulator moves it. The library reads time only through it.</summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    /// <summary>Moves the clock forward.</summary>
    /// <param name="to">The new time; never earlier than now.</param>
    public void AdvanceTo(DateTimeOffset to)
    {
        if (to < GetUtcNow())
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The simulated clock never goes back.");
        }

        Interlocked.Exchange(ref _utcTicks, to.UtcTicks);
    }
}
