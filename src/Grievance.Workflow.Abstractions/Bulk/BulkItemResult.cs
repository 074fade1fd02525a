namespace Grievance.Workflow.Bulk;

/// <summary>One grievance's result in a bulk action.</summary>
/// <param name="Grievance">The grievance.</param>
/// <param name="Outcome">What was done.</param>
/// <param name="Result">The workflow's result: the stored (or replayed) entry, or the typed error of a refusal.</param>
public sealed record BulkItemResult(GrievanceId Grievance, BulkItemOutcome Outcome, WorkflowResult Result);
