using System;

namespace Grievance.Workflow.Lifecycle;

/// <summary>The state machine refused a transition the engine had checked: a defect, never an expected refusal.</summary>
internal sealed class GrievanceWorkflowInternalException : GrievanceWorkflowException
{
    public GrievanceWorkflowInternalException(string message, GrievanceId grievanceId, Exception innerException)
        : base(message, grievanceId, innerException)
    {
    }
}
