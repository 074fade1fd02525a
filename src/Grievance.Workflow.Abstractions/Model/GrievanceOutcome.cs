using System.Text.Json.Serialization;

namespace Grievance.Workflow;

/// <summary>How a closed grievance ended. Only <see cref="Resolved"/> counts as resolved; every other outcome is kept apart in scorecards.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GrievanceOutcome>))]
public enum GrievanceOutcome
{
    /// <summary>Not closed yet.</summary>
    None = 0,

    /// <summary>The complainant said they were satisfied with the disposal.</summary>
    Resolved = 1,

    /// <summary>The complainant stayed dissatisfied after the final level disposed of it. Closed, not fixed: never counted as resolved.</summary>
    ClosedAtFinalLevel = 2,

    /// <summary>No feedback could be taken (unreachable too often, or no answer in the feedback window). Never counted as resolved.</summary>
    ClosedNoFeedback = 3,

    /// <summary>Rejected as not maintainable, with a reason code.</summary>
    Rejected = 4,

    /// <summary>Withdrawn by the complainant.</summary>
    Withdrawn = 5,

    /// <summary>Closed as a duplicate of another grievance, named by its reference number.</summary>
    Duplicate = 6,

    /// <summary>
    /// Closed by a special closure: proposed by its officer with a reason code (sub judice, policy matter, outside jurisdiction) and
    /// accepted at a higher level. Disposed, never resolved.
    /// </summary>
    SpecialClosed = 7,
}
