using System;
using System.Threading;

namespace Grievance.Workflow.Testing;

/// <summary>A clock that only moves when told to, so the kit's lifecycles are deterministic. Thread-safe.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _utcTicks;

    public ManualClock(DateTimeOffset start) => _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);

    public void AdvanceTo(DateTimeOffset to)
    {
        if (to < GetUtcNow())
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The clock is at {GetUtcNow():O}; it never goes back.");
        }

        Interlocked.Exchange(ref _utcTicks, to.UtcTicks);
    }
}
