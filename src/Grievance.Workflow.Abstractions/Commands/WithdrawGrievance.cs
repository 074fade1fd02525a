using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>The complainant withdraws an open grievance.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record WithdrawGrievance : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it.</param>
    /// <param name="reason">Optional reason, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public WithdrawGrievance(GrievanceId grievanceId, Actor actor, string? reason = null)
        : base(grievanceId, actor)
    {
        Reason = Guard.OptionalText(reason, nameof(reason));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.Withdraw;

    /// <summary>Gets the reason, or <see langword="null"/>.</summary>
    public string? Reason { get; }
}
