namespace Grievance.Workflow.Import;

/// <summary>A record an import refused: where it was in the source, its reference number and why — never any of its text.</summary>
/// <param name="Index">The record's position in the source, from 0.</param>
/// <param name="ReferenceNumber">The record's reference number.</param>
/// <param name="Reason">What is wrong with it, naming the field and, for text, the character position.</param>
public readonly record struct ImportRejection(long Index, string ReferenceNumber, string Reason);
