using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Routing;

/// <summary>
/// The default routing policy. The department of a new grievance comes from the most specific matching
/// <see cref="RoutingOptions.Rules"/> line (category, sub-category, district, tehsil, ward, channel), else the category's default
/// department, else <see cref="RoutingOptions.DefaultDepartment"/>, else the grievance waits in triage with the reason. The officer of a
/// level comes from the <see cref="IOfficerDirectory"/>.
/// </summary>
/// <remarks>Thread-safe; reads its options once.</remarks>
public sealed class RuleTableRoutingPolicy : IRoutingPolicy
{
    private readonly RoutingOptions _options;
    private readonly IOfficerDirectory _officers;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">The workflow options; <see cref="GrievanceWorkflowOptions.Routing"/> is used.</param>
    /// <param name="officers">The officer directory.</param>
    public RuleTableRoutingPolicy(IOptions<GrievanceWorkflowOptions> options, IOfficerDirectory officers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Routing;
        _officers = officers ?? throw new ArgumentNullException(nameof(officers));
    }

    /// <inheritdoc />
    public async ValueTask<RoutingDecision> RouteAsync(RoutingRequest request, CancellationToken cancellationToken)
    {
        var grievance = request.Grievance ?? throw new ArgumentException("The request is the default value.", nameof(request));
        var department = request.Department;
        if (department is null)
        {
            var code = FindDepartment(grievance);
            if (code is null)
            {
                return RoutingDecision.Unroutable(
                    $"no routing rule or default department matches category '{grievance.Category}' in district '{grievance.Location.District}' via channel '{grievance.Channel}'");
            }

            department = new DepartmentId(code);
        }

        var officer = await _officers.FindOfficerAsync(department.Value, request.Level, grievance.Location, cancellationToken).ConfigureAwait(false);
        return RoutingDecision.Routed(department.Value, officer);
    }

    private string? FindDepartment(GrievanceSnapshot grievance)
    {
        RoutingRule? best = null;
        var bestScore = -1;
        foreach (var rule in _options.Rules)
        {
            var score = Score(rule, grievance);
            if (score > bestScore)
            {
                (best, bestScore) = (rule, score);
            }
        }

        if (best is not null)
        {
            return best.Department;
        }

        return _options.CategoryDepartments.TryGetValue(grievance.Category.Code, out var byCategory) ? byCategory : _options.DefaultDepartment;
    }

    /// <summary>How many parts of the rule are set, or -1 when a set part does not match.</summary>
    private static int Score(RoutingRule rule, GrievanceSnapshot grievance)
    {
        if (!Same(rule.Category, grievance.Category.Code))
        {
            return -1;
        }

        var score = 0;
        foreach (var (wanted, actual) in Parts(rule, grievance))
        {
            if (wanted is null)
            {
                continue;
            }

            if (!Same(wanted, actual))
            {
                return -1;
            }

            score++;
        }

        return score;
    }

    private static IEnumerable<(string? Wanted, string? Actual)> Parts(RoutingRule rule, GrievanceSnapshot grievance)
    {
        yield return (rule.SubCategory, grievance.Category.SubCategory);
        yield return (rule.District, grievance.Location.District);
        yield return (rule.Tehsil, grievance.Location.Tehsil);
        yield return (rule.Ward, grievance.Location.Ward);
        yield return (rule.Channel, grievance.Channel.Code);
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
