using System.Threading.RateLimiting;

namespace Grievance.Workflow.WebApi;

/// <summary>The rate limits of the endpoints a stranger can call: tracking by reference and registration, per client address.</summary>
internal static class RateLimits
{
    public const string Tracking = "tracking";
    public const string Registration = "registration";

    /// <summary>A fixed window of a minute per client address (behind a proxy, configure forwarded headers so this is the caller's).</summary>
    public static RateLimitPartition<string> PerClient(HttpContext http, int permitsPerMinute)
        => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
