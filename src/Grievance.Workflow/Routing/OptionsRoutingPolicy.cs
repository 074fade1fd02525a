using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Routing;

/// <summary>
/// The default routing policy: the department comes from <see cref="RoutingOptions.CategoryDepartments"/> (else
/// <see cref="RoutingOptions.DefaultDepartment"/>, else triage), the officer of a level from <see cref="RoutingOptions.Officers"/>
/// (else the department's desk).
/// </summary>
/// <remarks>Thread-safe; reads its options once.</remarks>
public sealed class OptionsRoutingPolicy : IRoutingPolicy
{
    private readonly RoutingOptions _options;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">The workflow options; <see cref="GrievanceWorkflowOptions.Routing"/> is used.</param>
    public OptionsRoutingPolicy(IOptions<GrievanceWorkflowOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Routing;
    }

    /// <inheritdoc />
    public ValueTask<RoutingDecision> RouteAsync(RoutingRequest request, CancellationToken cancellationToken)
    {
        var grievance = request.Grievance ?? throw new ArgumentException("The request is the default value.", nameof(request));
        var department = request.Department;
        if (department is null)
        {
            var code = grievance.Category.Code;
            if (_options.CategoryDepartments.TryGetValue(code, out var mapped))
            {
                department = new DepartmentId(mapped);
            }
            else if (_options.DefaultDepartment is { } fallback)
            {
                department = new DepartmentId(fallback);
            }
            else
            {
                return new(RoutingDecision.Unroutable($"no department is configured for category '{code}' and there is no default department"));
            }
        }

        OfficerId? officer = _options.Officers.TryGetValue(department.Value.Value, out var levels) && levels.TryGetValue(request.Level, out var code2)
            ? new OfficerId(code2)
            : null;
        return new(RoutingDecision.Routed(department.Value, officer));
    }
}
