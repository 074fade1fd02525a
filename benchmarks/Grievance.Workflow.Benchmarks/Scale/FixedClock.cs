namespace Grievance.Workflow.Benchmarks.Scale;

/// <summary>
/// A clock stopped at one instant, read without a lock: the scale run's cut-over. <c>FakeTimeProvider</c> takes a lock on every
/// read, and a sweep with pages in flight reads the clock once a command on each page at once — measured, that lock's contention
/// cost ~7 µs of spinning per closure, which no desk's clock (<see cref="TimeProvider.System"/>) has.
/// </summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    private readonly DateTimeOffset _now = now.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;
}
