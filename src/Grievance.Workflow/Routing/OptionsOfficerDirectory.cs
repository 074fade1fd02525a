using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Routing;

/// <summary>
/// The default officer directory, read from <see cref="RoutingOptions.Officers"/>: among the assignments of the department and level
/// whose area contains the grievance's location, the most specific (ward, then tehsil, then district, then department-wide) wins.
/// </summary>
/// <remarks>
/// Thread-safe; reads its options once and indexes them by department, level and district, so a look-up reads only the assignments
/// of its department, level and district (and those for any district): its cost does not grow with the directory. Among equally
/// specific assignments the first in <see cref="RoutingOptions.Officers"/> wins. Host apps with a real staff directory replace it.
/// </remarks>
public sealed class OptionsOfficerDirectory : IOfficerDirectory
{
    private readonly Dictionary<(string Department, int Level), Group> _groups = new(new KeyComparer());

    /// <summary>Creates the directory.</summary>
    /// <param name="options">The workflow options; <see cref="GrievanceWorkflowOptions.Routing"/> is used.</param>
    public OptionsOfficerDirectory(IOptions<GrievanceWorkflowOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var index = 0;
        foreach (var assignment in options.Value.Routing.Officers)
        {
            var key = (assignment.Department, assignment.Level);
            if (!_groups.TryGetValue(key, out var group))
            {
                _groups.Add(key, group = new Group());
            }

            group.Add(index++, assignment);
        }
    }

    /// <inheritdoc />
    public ValueTask<OfficerId?> FindOfficerAsync(DepartmentId department, int level, GrievanceLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!_groups.TryGetValue((department.Value, level), out var group))
        {
            return new((OfficerId?)null);
        }

        (int Index, OfficerAssignment Assignment)? best = null;
        var bestScore = -1;
        void Consider(List<(int Index, OfficerAssignment Assignment)>? candidates)
        {
            foreach (var candidate in candidates ?? [])
            {
                var score = Score(candidate.Assignment, location);
                if (score > bestScore || (score == bestScore && score >= 0 && candidate.Index < best!.Value.Index))
                {
                    (best, bestScore) = (candidate, score);
                }
            }
        }

        Consider(group.ByDistrict.GetValueOrDefault(location.District));
        Consider(group.AnyDistrict);
        return new(best is { } found ? new OfficerId(found.Assignment.Officer) : null);
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

    /// <summary>The assignments of one department and level, by district; those with no district apart.</summary>
    private sealed class Group
    {
        public Dictionary<string, List<(int Index, OfficerAssignment Assignment)>> ByDistrict { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<(int Index, OfficerAssignment Assignment)> AnyDistrict { get; } = [];

        public void Add(int index, OfficerAssignment assignment)
        {
            if (assignment.District is not { } district)
            {
                AnyDistrict.Add((index, assignment));
                return;
            }

            if (!ByDistrict.TryGetValue(district, out var list))
            {
                ByDistrict.Add(district, list = []);
            }

            list.Add((index, assignment));
        }
    }

    /// <summary>Departments compare ignoring case, as the directory always has.</summary>
    private sealed class KeyComparer : IEqualityComparer<(string Department, int Level)>
    {
        public bool Equals((string Department, int Level) x, (string Department, int Level) y)
            => x.Level == y.Level && string.Equals(x.Department, y.Department, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Department, int Level) obj) => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Department), obj.Level);
    }
}
