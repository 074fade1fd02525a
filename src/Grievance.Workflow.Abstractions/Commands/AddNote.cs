using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>Adds a note to an open grievance's file without changing its status.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record AddNote : GrievanceCommand
{
    private readonly bool _isInternal;

    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it.</param>
    /// <param name="text">The note; not blank, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public AddNote(GrievanceId grievanceId, Actor actor, string text)
        : base(grievanceId, actor)
    {
        Text = Guard.Text(text, nameof(text));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.AddNote;

    /// <summary>Gets the note.</summary>
    public string Text { get; }

    /// <summary>
    /// Gets or initializes whether the note is internal to the department: kept in the audit trail but left out of what the
    /// complainant sees when tracking the grievance. A complainant's own note is never internal.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    /// <exception cref="ArgumentException">Set by a complainant.</exception>
    public bool IsInternal
    {
        get => _isInternal;
        init => _isInternal = value && Actor.Role == ActorRole.Complainant
            ? throw new ArgumentException("A complainant's note is never internal.", nameof(value))
            : value;
    }
}
