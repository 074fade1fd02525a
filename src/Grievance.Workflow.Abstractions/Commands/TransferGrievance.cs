using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>Transfers a pending grievance to another department, which starts afresh at its L1 with a new clock. "Not my department" is a transfer, never a closure.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record TransferGrievance : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it.</param>
    /// <param name="toDepartment">The department to transfer to.</param>
    /// <param name="reason">Why; not blank, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public TransferGrievance(GrievanceId grievanceId, Actor actor, DepartmentId toDepartment, string reason)
        : base(grievanceId, actor)
    {
        ToDepartment = toDepartment.Value is null ? throw new ArgumentException("The department must be set (it is the default value).", nameof(toDepartment)) : toDepartment;
        Reason = Guard.Text(reason, nameof(reason));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.Transfer;

    /// <summary>Gets the department to transfer to.</summary>
    public DepartmentId ToDepartment { get; }

    /// <summary>Gets why it is transferred.</summary>
    public string Reason { get; }
}
