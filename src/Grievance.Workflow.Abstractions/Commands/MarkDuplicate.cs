using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>Closes an open grievance as a duplicate of another, named by its reference number.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record MarkDuplicate : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it.</param>
    /// <param name="original">The reference number of the grievance it duplicates.</param>
    /// <param name="remarks">Optional remarks, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public MarkDuplicate(GrievanceId grievanceId, Actor actor, ReferenceNumber original, string? remarks = null)
        : base(grievanceId, actor)
    {
        Original = original.Value is null ? throw new ArgumentException("The original reference number must be set (it is the default value).", nameof(original)) : original;
        Remarks = Guard.OptionalText(remarks, nameof(remarks));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.MarkDuplicate;

    /// <summary>Gets the original's reference number.</summary>
    public ReferenceNumber Original { get; }

    /// <summary>Gets the remarks, or <see langword="null"/>.</summary>
    public string? Remarks { get; }
}
