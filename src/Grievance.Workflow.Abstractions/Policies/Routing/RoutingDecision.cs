using System;

namespace Grievance.Workflow.Routing;

/// <summary>The routing policy's answer: a department with an optional officer, or the reason it cannot be routed.</summary>
/// <remarks>
/// When the request names a department (manual route, transfer, escalation), the engine keeps that department and uses only the
/// officer from the decision. Immutable and thread-safe. The default value means "unroutable" with no reason given.
/// </remarks>
public readonly struct RoutingDecision
{
    private RoutingDecision(DepartmentId? department, OfficerId? officer, string? unroutableReason)
    {
        Department = department;
        Officer = officer;
        UnroutableReason = unroutableReason;
    }

    /// <summary>Gets whether a department was found.</summary>
    public bool IsRouted => Department is not null;

    /// <summary>Gets the department, or <see langword="null"/> when unroutable.</summary>
    public DepartmentId? Department { get; }

    /// <summary>Gets the officer, or <see langword="null"/> when the department's desk holds it.</summary>
    public OfficerId? Officer { get; }

    /// <summary>Gets why it could not be routed, or <see langword="null"/> when routed.</summary>
    public string? UnroutableReason { get; }

    /// <summary>Routes to a department and, when known, an officer.</summary>
    /// <param name="department">The department.</param>
    /// <param name="officer">The officer, or <see langword="null"/>.</param>
    /// <returns>The decision.</returns>
    public static RoutingDecision Routed(DepartmentId department, OfficerId? officer = null)
        => new(department.Value is null ? throw new ArgumentException("The department must be set.", nameof(department)) : department, officer, null);

    /// <summary>Leaves the grievance in the triage queue, with the reason.</summary>
    /// <param name="reason">Why it cannot be routed; not blank.</param>
    /// <returns>The decision.</returns>
    public static RoutingDecision Unroutable(string reason)
        => new(null, null, string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("A reason is required.", nameof(reason)) : reason);
}
