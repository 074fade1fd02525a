using System.Text.Json.Serialization;

namespace Grievance.Workflow;

/// <summary>Where a grievance is in its lifecycle. A closed grievance's <see cref="GrievanceOutcome"/> says how it ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GrievanceStatus>))]
public enum GrievanceStatus
{
    /// <summary>Registered with a reference number, not yet with an officer: waiting in the triage queue to be routed.</summary>
    Registered = 1,

    /// <summary>With a department's officer at the current level (L1, L2, …), who must act and report.</summary>
    PendingWithOfficer = 2,

    /// <summary>The officer has reported disposal (the <i>aakhya</i>); the helpline must take the complainant's feedback.</summary>
    AwaitingFeedback = 3,

    /// <summary>Closed; <see cref="GrievanceSnapshot.Outcome"/> says how. Nothing but reading is allowed any more.</summary>
    Closed = 4,

    /// <summary>The officer asked the complainant for clarification; the officer's clock is paused until it arrives.</summary>
    AwaitingClarification = 5,

    /// <summary>
    /// The officer proposed closing it as one that cannot be redressed (sub judice, a policy matter, outside jurisdiction); an
    /// officer at the configured higher level accepts (closed, <see cref="GrievanceOutcome.SpecialClosed"/>) or rejects (back to
    /// the proposer). The proposer's clock is not stopped: a rejected proposal comes back with the deadline it had.
    /// </summary>
    AwaitingSpecialClosure = 6,

    /// <summary>
    /// The complainant appealed against its closure (CPGRAMS); the appellate authority decides, under its own time limit: the
    /// closure upheld (closed again, with the outcome it had) or the appeal allowed (back to a level, with a fresh clock). Not
    /// finally closed until then; <see cref="GrievanceSnapshot.AppealedOutcome"/> holds the closure's outcome.
    /// </summary>
    UnderAppeal = 7,
}
