using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Routing;

/// <summary>
/// The default officer directory, read from <see cref="RoutingOptions.Officers"/>: among the assignments of the department and level
/// whose area contains the grievance's location, the most specific (ward, then tehsil, then district, then department-wide) wins.
/// </summary>
/// <remarks>Thread-safe; reads its options once. Host apps with a real staff directory replace it.</remarks>
public sealed class OptionsOfficerDirectory : IOfficerDirectory
{
    private readonly OfficerAssignment[] _assignments;

    /// <summary>Creates the directory.</summary>
    /// <param name="options">The workflow options; <see cref="GrievanceWorkflowOptions.Routing"/> is used.</param>
    public OptionsOfficerDirectory(IOptions<GrievanceWorkflowOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _assignments = [.. options.Value.Routing.Officers];
    }

    /// <inheritdoc />
    public ValueTask<OfficerId?> FindOfficerAsync(DepartmentId department, int level, GrievanceLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        OfficerAssignment? best = null;
        var bestScore = -1;
        foreach (var assignment in _assignments)
        {
            if (assignment.Level != level || !string.Equals(assignment.Department, department.Value, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var score = Score(assignment, location);
            if (score > bestScore)
            {
                (best, bestScore) = (assignment, score);
            }
        }

        return new(best is null ? null : new OfficerId(best.Officer));
    }

    private static int Score(OfficerAssignment assignment, GrievanceLocation location)
    {
        var score = 0;
        if (assignment.District is not null)
        {
            if (!Same(assignment.District, location.District))
            {
                return -1;
            }

            score = 1;
        }

        if (assignment.Tehsil is not null)
        {
            if (!Same(assignment.Tehsil, location.Tehsil))
            {
                return -1;
            }

            score = 2;
        }

        if (assignment.Ward is not null)
        {
            if (!Same(assignment.Ward, location.Ward))
            {
                return -1;
            }

            score = 3;
        }

        return score;
    }

    private static bool Same(string a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
