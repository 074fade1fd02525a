namespace Grievance.Workflow.Lifecycle;

/// <summary>The limits from the options that the lifecycle's guards compare against.</summary>
/// <param name="Levels">The ladder's height.</param>
/// <param name="MaxTransfers">Transfers allowed.</param>
/// <param name="MaxExtensions">Interim extensions allowed per officer clock.</param>
internal readonly record struct LifecycleLimits(int Levels, int MaxTransfers, int MaxExtensions);
