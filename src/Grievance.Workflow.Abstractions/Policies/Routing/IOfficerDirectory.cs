using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Routing;

/// <summary>Who the L1, L2, … officer of a department is for an area. The host app owns the real directory; an options-backed one ships.</summary>
/// <remarks>Implementations must be thread-safe.</remarks>
public interface IOfficerDirectory
{
    /// <summary>Finds the officer of a department at a level for a location.</summary>
    /// <param name="department">The department.</param>
    /// <param name="level">The level, 1 for L1.</param>
    /// <param name="location">Where the grievance arose; the most specific assignment wins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The officer, or <see langword="null"/> when the department's desk holds it.</returns>
    ValueTask<OfficerId?> FindOfficerAsync(DepartmentId department, int level, GrievanceLocation location, CancellationToken cancellationToken);
}
