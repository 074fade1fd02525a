using System;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Sweeping;

/// <summary>
/// Finds due work — officers' time limits passed, feedback windows closed — and applies the policies to it as ordinary commands
/// issued by the system actor. The host calls it on a timer; several sweepers may run at once on several nodes.
/// </summary>
/// <remarks>Thread-safe. Two sweepers never act twice on one timer: each command names the version and timer token it read.</remarks>
public interface IGrievanceSweeper
{
    /// <summary>Handles up to <paramref name="batchSize"/> due items of each kind.</summary>
    /// <param name="now">The moment to sweep at (normally the current time).</param>
    /// <param name="batchSize">At most this many items of each kind, 1 or more.</param>
    /// <param name="cancellationToken">Cancels the sweep between items.</param>
    /// <returns>What the sweep did.</returns>
    ValueTask<SweepResult> SweepAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default);
}
