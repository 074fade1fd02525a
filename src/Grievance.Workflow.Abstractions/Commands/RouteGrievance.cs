using System;

namespace Grievance.Workflow;

/// <summary>Routes a grievance out of the triage queue to a department and its L1 officer, by hand.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RouteGrievance : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it.</param>
    /// <param name="department">The department.</param>
    /// <param name="officer">The L1 officer, or <see langword="null"/> to let the routing policy name one.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public RouteGrievance(GrievanceId grievanceId, Actor actor, DepartmentId department, OfficerId? officer = null)
        : base(grievanceId, actor)
    {
        Department = department.Value is null ? throw new ArgumentException("The department must be set (it is the default value).", nameof(department)) : department;
        Officer = officer is { Value: null } ? throw new ArgumentException("The officer must not be the default value.", nameof(officer)) : officer;
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.Route;

    /// <summary>Gets the department.</summary>
    public DepartmentId Department { get; }

    /// <summary>Gets the officer, or <see langword="null"/>.</summary>
    public OfficerId? Officer { get; }
}
