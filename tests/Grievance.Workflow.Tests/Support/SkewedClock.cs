using Microsoft.Extensions.Time.Testing;

namespace Grievance.Workflow.Tests.Support;

/// <summary>A <see cref="FakeTimeProvider"/> whose reading can be stepped back, as a host's clock is by an NTP correction or another node's skew.</summary>
public sealed class SkewedClock : FakeTimeProvider
{
    public SkewedClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Gets or sets how far behind the true (fake) time the clock reads.</summary>
    public TimeSpan Behind { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - Behind;
}
