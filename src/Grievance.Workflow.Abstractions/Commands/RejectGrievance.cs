using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>Rejects a grievance as not maintainable, with a reason code (for example <c>sub-judice</c> or <c>not-a-grievance</c>).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RejectGrievance : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it.</param>
    /// <param name="reasonCode">The reason code; not blank, at most <see cref="GrievanceLimits.MaxIdentifierLength"/> characters.</param>
    /// <param name="remarks">Optional remarks, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public RejectGrievance(GrievanceId grievanceId, Actor actor, string reasonCode, string? remarks = null)
        : base(grievanceId, actor)
    {
        ReasonCode = Guard.Identifier(reasonCode, nameof(reasonCode));
        Remarks = Guard.OptionalText(remarks, nameof(remarks));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.Reject;

    /// <summary>Gets the reason code.</summary>
    public string ReasonCode { get; }

    /// <summary>Gets the remarks, or <see langword="null"/>.</summary>
    public string? Remarks { get; }
}
