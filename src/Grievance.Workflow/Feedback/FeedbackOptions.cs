namespace Grievance.Workflow.Feedback;

/// <summary>Options of the default feedback policy (<see cref="DefaultFeedbackPolicy"/>).</summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class FeedbackOptions
{
    /// <summary>Gets or sets after how many unreachable feedback calls a grievance closes with outcome <see cref="GrievanceOutcome.ClosedNoFeedback"/>.</summary>
    /// <value>The default is 3. From 1 to 100.</value>
    public int MaxUnreachableAttempts { get; set; } = 3;

    /// <summary>
    /// Gets or sets how long after the disposal feedback may be taken; when it passes with no answer, the feedback policy decides as
    /// for an unreachable complainant (close with no feedback, or keep waiting with a new window).
    /// </summary>
    /// <value>The default is 7 days. <see langword="null"/> turns the window off.</value>
    public System.TimeSpan? Window { get; set; } = System.TimeSpan.FromDays(7);

    /// <summary>Gets or sets whether a grievance whose complainant stays unreachable closes (<see langword="true"/>) or keeps waiting for feedback.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool CloseWhenUnreachable { get; set; } = true;
}
