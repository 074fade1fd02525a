using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>The complainant's clarification arrives; the officer's clock runs again, its deadline moved by exactly the pause.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ProvideClarification : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">The complainant, or the helpline agent who took it down.</param>
    /// <param name="answer">The clarification; not blank, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <exception cref="ArgumentException">The answer is blank or too long.</exception>
    public ProvideClarification(GrievanceId grievanceId, Actor actor, string answer)
        : base(grievanceId, actor)
    {
        Answer = Guard.Text(answer, nameof(answer));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.ProvideClarification;

    /// <summary>Gets the clarification.</summary>
    public string Answer { get; }
}
