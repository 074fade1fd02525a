using Grievance.Workflow.Escalation;
using Grievance.Workflow.Feedback;

namespace Grievance.Workflow.Engine;

/// <summary>What the policies answered for one command, asked before the lifecycle fires.</summary>
internal readonly struct PolicyAnswers
{
    public EscalationKind Escalation { get; init; }

    public int TargetLevel { get; init; }

    public FeedbackDecision Feedback { get; init; }

    public DepartmentId? Department { get; init; }

    public OfficerId? Officer { get; init; }

    /// <summary>The root of a duplicate chain: the grievance a duplicate is recorded against.</summary>
    public ReferenceNumber? Original { get; init; }

    /// <summary>Gets the deadline a policy question set (an appeal's decision time), or <see langword="null"/>.</summary>
    public System.DateTimeOffset? DueAt { get; init; }

    public GrievanceWorkflowException? Error { get; init; }

    public static PolicyAnswers None => new() { Feedback = FeedbackDecision.KeepWaiting };

    public static PolicyAnswers Refused(GrievanceWorkflowException error) => new() { Error = error };
}
