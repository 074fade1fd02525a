namespace Grievance.Workflow.Benchmarks.Scale;

/// <summary>One row of the scale table: what was measured, on what, the figure, and the target.</summary>
internal sealed record ScaleResult(string Work, string Figure, string Target);
