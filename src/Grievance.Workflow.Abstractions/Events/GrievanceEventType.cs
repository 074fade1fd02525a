using System.Text.Json.Serialization;

namespace Grievance.Workflow.Events;

/// <summary>What happened to a grievance, as told to the outside world (SMS, e-mail, webhooks, dashboards).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GrievanceEventType>))]
public enum GrievanceEventType
{
    /// <summary>Registered with a reference number.</summary>
    Registered = 1,

    /// <summary>Sent to a department and its officer (at registration or by hand out of triage).</summary>
    Routed = 2,

    /// <summary>The officer reported action taken and disposal.</summary>
    ActionReported = 3,

    /// <summary>A feedback call's result was recorded.</summary>
    FeedbackRecorded = 4,

    /// <summary>Sent back to the same level after dissatisfaction.</summary>
    Reopened = 5,

    /// <summary>Moved up a level (dissatisfaction, breach or by hand).</summary>
    Escalated = 6,

    /// <summary>Transferred to another department.</summary>
    Transferred = 7,

    /// <summary>The officer asked the complainant for clarification.</summary>
    ClarificationRequested = 8,

    /// <summary>The complainant's clarification arrived.</summary>
    ClarificationProvided = 9,

    /// <summary>The officer's deadline was extended (interim reply).</summary>
    DeadlineExtended = 10,

    /// <summary>The officer's time limit passed: flagged as a defaulter.</summary>
    FlaggedOverdue = 11,

    /// <summary>A note was added.</summary>
    NoteAdded = 12,

    /// <summary>Closed; the event's outcome says how.</summary>
    Closed = 13,

    /// <summary>Brought in, with its history, from another system by a bulk import; the event tells its state after the import.</summary>
    Imported = 14,

    /// <summary>Its officer proposed a special closure; it waits for a higher level's decision.</summary>
    SpecialClosureProposed = 15,

    /// <summary>
    /// A special closure was accepted: the notice to the complainant, with the reason code in the history. Recorded before the
    /// <see cref="Closed"/> event of the same command, so a subscriber informs the complainant before it learns of the closure.
    /// </summary>
    SpecialClosureAccepted = 16,

    /// <summary>A proposed special closure was rejected: back with the proposer, with the remarks in the history.</summary>
    SpecialClosureRejected = 17,

    /// <summary>The complainant appealed against the closure; the appellate authority decides.</summary>
    Appealed = 18,

    /// <summary>The appellate authority upheld the closure (followed by <see cref="Closed"/>).</summary>
    AppealUpheld = 19,

    /// <summary>The appellate authority allowed the appeal: the grievance is open again at the level it named.</summary>
    AppealAllowed = 20,
}
