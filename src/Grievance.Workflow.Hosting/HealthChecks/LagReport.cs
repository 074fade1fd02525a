using System;
using System.Collections.Generic;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grievance.Workflow.Hosting.HealthChecks;

/// <summary>Collects how far behind each part of something is (a subscriber, a kind of due work) and turns the worst into a health result.</summary>
internal sealed class LagReport
{
    private readonly Dictionary<string, object> _data = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _now;
    private TimeSpan _worst;
    private string? _behind;

    public LagReport(DateTimeOffset now) => _now = now;

    /// <summary>Records a part whose oldest waiting item became due at <paramref name="waitingSince"/>; none waits when <see langword="null"/>.</summary>
    public void Add(string part, DateTimeOffset? waitingSince)
    {
        var lag = waitingSince is { } since && since < _now ? _now - since : TimeSpan.Zero;
        _data[part] = lag.TotalSeconds;
        if (lag > _worst)
        {
            (_worst, _behind) = (lag, part);
        }
    }

    /// <summary>Reports the worst lag against the limits; the data hold every part's lag in seconds.</summary>
    public HealthCheckResult ToResult(LagLimits limits, HealthStatus failureStatus, string upToDate, Func<string, TimeSpan, string> describeBehind)
        => new(limits.StatusOf(_worst, failureStatus), _behind is null ? upToDate : describeBehind(_behind, _worst), data: _data);
}
