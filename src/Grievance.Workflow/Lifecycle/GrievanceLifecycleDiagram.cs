namespace Grievance.Workflow.Lifecycle;

/// <summary>Exports the grievance lifecycle (states, actions and guards) as a diagram, straight from the state machine's configuration.</summary>
/// <remarks>Thread-safe. Each call builds a fresh export; cache the text if you show it often.</remarks>
public static class GrievanceLifecycleDiagram
{
    /// <summary>Writes the lifecycle as a Mermaid <c>stateDiagram-v2</c>, ready for a Markdown page.</summary>
    /// <returns>The Mermaid text.</returns>
    public static string ToMermaid() => GrievanceLifecycle.ToMermaid();

    /// <summary>Writes the lifecycle as a Graphviz DOT digraph.</summary>
    /// <returns>The DOT text.</returns>
    public static string ToDot() => GrievanceLifecycle.ToDot();
}
