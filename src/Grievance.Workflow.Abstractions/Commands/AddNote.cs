using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>Adds a note to an open grievance's file without changing its status.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record AddNote : GrievanceCommand
{
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
}
