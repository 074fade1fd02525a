namespace Grievance.Workflow;

/// <summary>Everything that can happen to a grievance. Each accepted command records exactly one action in the history.</summary>
public enum GrievanceAction
{
    /// <summary>Registered with a reference number and, when the routing policy can, routed to the department's L1 officer.</summary>
    Register = 1,

    /// <summary>Routed by hand out of the triage queue to a department and its L1 officer.</summary>
    Route = 2,

    /// <summary>The officer reports action taken and disposal, with the report text (the <i>aakhya</i>).</summary>
    ReportAction = 3,

    /// <summary>Feedback: the complainant is satisfied. Closes the grievance as <see cref="GrievanceOutcome.Resolved"/>.</summary>
    RecordSatisfied = 4,

    /// <summary>Feedback: the complainant is dissatisfied (reason required). The escalation policy reopens, escalates or closes at the final level.</summary>
    RecordDissatisfied = 5,

    /// <summary>Feedback call: the complainant could not be reached. The feedback policy keeps waiting or closes with no feedback.</summary>
    RecordUnreachable = 6,

    /// <summary>Transferred to another department (reason required); starts afresh at that department's L1.</summary>
    Transfer = 7,

    /// <summary>Rejected as not maintainable (reason code required).</summary>
    Reject = 8,

    /// <summary>Withdrawn by the complainant.</summary>
    Withdraw = 9,

    /// <summary>Closed as a duplicate of another grievance.</summary>
    MarkDuplicate = 10,

    /// <summary>A note added to the file; the status does not change.</summary>
    AddNote = 11,
}
