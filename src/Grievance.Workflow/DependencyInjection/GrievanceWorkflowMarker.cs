namespace Grievance.Workflow.DependencyInjection;

/// <summary>Registered once, so that calling <c>AddGrievanceWorkflow</c> again adds nothing twice.</summary>
internal sealed class GrievanceWorkflowMarker
{
}
