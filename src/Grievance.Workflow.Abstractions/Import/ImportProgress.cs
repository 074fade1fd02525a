namespace Grievance.Workflow.Import;

/// <summary>The running totals of an import.</summary>
/// <param name="Read">Records read from the source.</param>
/// <param name="Imported">Records stored.</param>
/// <param name="AlreadyPresent">Records skipped because the store held them already (a rerun or a resumed import).</param>
/// <param name="Rejected">Records refused by the checks.</param>
public readonly record struct ImportProgress(long Read, long Imported, long AlreadyPresent, long Rejected);
