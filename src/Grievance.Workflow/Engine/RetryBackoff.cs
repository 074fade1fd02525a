using System;

namespace Grievance.Workflow.Engine;

/// <summary>
/// Exponential back-off with full jitter for re-deciding a command after a lost concurrent write: retry n waits a uniformly random
/// time in [0, min(max, base × 2^n)], so that callers who collided spread out instead of colliding again.
/// </summary>
/// <remarks>Thread-safe: uses <see cref="Random.Shared"/>.</remarks>
internal sealed class RetryBackoff
{
    private readonly double _baseTicks;
    private readonly double _maxTicks;

    public RetryBackoff(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        _baseTicks = baseDelay.Ticks;
        _maxTicks = maxDelay.Ticks;
    }

    /// <summary>The wait before retry number <paramref name="attempt"/> + 1 (0 for the first retry).</summary>
    public TimeSpan Next(int attempt)
    {
        var ceiling = Math.Min(_maxTicks, _baseTicks * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * ceiling));
    }
}
