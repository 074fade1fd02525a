using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>The officer asks the complainant for clarification; the officer's clock is paused until it arrives.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RequestClarification : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">The officer holding it.</param>
    /// <param name="question">What the officer needs to know; not blank, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <exception cref="ArgumentException">The question is blank or too long.</exception>
    public RequestClarification(GrievanceId grievanceId, Actor actor, string question)
        : base(grievanceId, actor)
    {
        Question = Guard.Text(question, nameof(question));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.RequestClarification;

    /// <summary>Gets the question.</summary>
    public string Question { get; }
}
