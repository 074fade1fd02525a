namespace Grievance.Workflow.Bulk;

/// <summary>How far a bulk action has got, reported after each write.</summary>
/// <param name="Done">Grievances handled so far.</param>
/// <param name="Total">Grievances in the request.</param>
/// <param name="Refused">Of those handled, the refused ones.</param>
public readonly record struct BulkProgress(int Done, int Total, int Refused);
