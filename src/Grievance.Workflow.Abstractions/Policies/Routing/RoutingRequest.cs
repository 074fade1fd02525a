using System;

namespace Grievance.Workflow.Routing;

/// <summary>A question to the routing policy.</summary>
/// <remarks>Immutable and thread-safe. The default value is not a valid request.</remarks>
public readonly struct RoutingRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="grievance">The grievance as it is now (for a registration: as it will be stored, still in triage).</param>
    /// <param name="reason">Why routing is asked.</param>
    /// <param name="department">The department already chosen (manual route, transfer, escalation), or <see langword="null"/> at registration.</param>
    /// <param name="level">The level whose officer is wanted, 1 for L1.</param>
    public RoutingRequest(GrievanceSnapshot grievance, RoutingReason reason, DepartmentId? department, int level)
    {
        Grievance = grievance ?? throw new ArgumentNullException(nameof(grievance));
        Reason = reason;
        Department = department;
        Level = level;
    }

    /// <summary>Gets the grievance.</summary>
    public GrievanceSnapshot Grievance { get; }

    /// <summary>Gets why routing is asked.</summary>
    public RoutingReason Reason { get; }

    /// <summary>Gets the department already chosen, or <see langword="null"/> when the policy must choose it.</summary>
    public DepartmentId? Department { get; }

    /// <summary>Gets the level whose officer is wanted.</summary>
    public int Level { get; }
}
