using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>
/// The appellate authority allows the appeal: the grievance goes back to the officer of the named level of its department with a
/// fresh clock (a grievance that never reached a department goes back to triage).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record AllowAppeal : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it: an officer of its department at the appellate level or above, or an administrator.</param>
    /// <param name="level">The level of the ladder that acts again, from 1 to <see cref="GrievanceLimits.MaxLevels"/> (and at most the ladder's height).</param>
    /// <param name="remarks">What must be done, at most <see cref="GrievanceLimits.MaxTextLength"/> characters; required.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is out of range.</exception>
    public AllowAppeal(GrievanceId grievanceId, Actor actor, int level, string remarks)
        : base(grievanceId, actor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, GrievanceLimits.MaxLevels);
        Level = level;
        Remarks = Guard.Text(remarks, nameof(remarks));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.AllowAppeal;

    /// <summary>Gets the level that acts again.</summary>
    public int Level { get; }

    /// <summary>Gets what must be done.</summary>
    public string Remarks { get; }
}
