namespace Grievance.Workflow;

/// <summary>Helpers that keep outcome arithmetic honest.</summary>
public static class GrievanceOutcomeExtensions
{
    /// <summary>Tells whether an outcome counts as resolved: only <see cref="GrievanceOutcome.Resolved"/> does.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns><see langword="true"/> for <see cref="GrievanceOutcome.Resolved"/> only.</returns>
    public static bool CountsAsResolved(this GrievanceOutcome outcome) => outcome == GrievanceOutcome.Resolved;
}
