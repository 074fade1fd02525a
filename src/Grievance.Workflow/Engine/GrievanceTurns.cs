using System.Threading;

namespace Grievance.Workflow.Engine;

/// <summary>
/// Striped asynchronous locks by grievance id: commands in this process that lost a race on the same grievance take turns, so
/// that they are applied one after the other instead of colliding again and again. The first attempt of every command takes no
/// lock; correctness never depends on it (the store's version check does), only fairness under contention.
/// </summary>
/// <remarks>Thread-safe. A fixed number of stripes: two grievances may share one, which only makes their retries take turns too.</remarks>
internal sealed class GrievanceTurns
{
    private const int Stripes = 256;
    private readonly SemaphoreSlim[] _stripes = new SemaphoreSlim[Stripes];

    public GrievanceTurns()
    {
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new SemaphoreSlim(1, 1);
        }
    }

    /// <summary>The lock a grievance's retries take turns on.</summary>
    public SemaphoreSlim For(GrievanceId id) => _stripes[(id.GetHashCode() & int.MaxValue) % Stripes];
}
