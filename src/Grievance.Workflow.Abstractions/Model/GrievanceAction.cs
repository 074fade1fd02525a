using System.Text.Json.Serialization;

namespace Grievance.Workflow;

/// <summary>Everything that can happen to a grievance. Each accepted command records exactly one action in the history.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GrievanceAction>))]
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

    /// <summary>The officer asks the complainant for clarification; the officer's clock stops.</summary>
    RequestClarification = 12,

    /// <summary>The clarification arrives; the officer's clock runs again, its deadline moved by exactly the pause.</summary>
    ProvideClarification = 13,

    /// <summary>An interim reply: the officer moves the deadline to a later date, with a reason (limited in number by the options).</summary>
    ExtendDeadline = 14,

    /// <summary>An administrator moves the grievance up one level by hand, with a reason.</summary>
    Escalate = 15,

    /// <summary>The due-work sweeper found the officer's time limit passed: the escalation policy flags a defaulter or escalates.</summary>
    SlaBreach = 16,

    /// <summary>The due-work sweeper found no feedback taken within the feedback window: the feedback policy closes or keeps waiting.</summary>
    FeedbackWindowExpired = 17,

    /// <summary>
    /// The complainant reopens a resolved grievance because the problem came back (off unless the options allow it, and only within
    /// their window of the closure): at the level that disposed of it, counted towards that level's reopens; beyond them, the
    /// escalation policy decides as for dissatisfaction.
    /// </summary>
    ReopenByComplainant = 18,

    /// <summary>The officer holding it proposes a special closure with a reason code (off unless the options allow it).</summary>
    ProposeSpecialClosure = 19,

    /// <summary>An officer at the configured higher level accepts a proposed special closure: closed, <see cref="GrievanceOutcome.SpecialClosed"/>.</summary>
    AcceptSpecialClosure = 20,

    /// <summary>An officer at the configured higher level rejects a proposed special closure, with remarks: back to the proposer.</summary>
    RejectSpecialClosure = 21,

    /// <summary>The complainant appeals against a closure (off unless the options allow it; within their window, for the outcomes they list).</summary>
    Appeal = 22,

    /// <summary>The appellate authority upholds the closure, with reasons: closed again with the outcome it had.</summary>
    UpholdClosure = 23,

    /// <summary>The appellate authority allows the appeal: back to a named level of the ladder with a fresh clock.</summary>
    AllowAppeal = 24,
}
