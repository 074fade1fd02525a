using System.Text.Json.Serialization;

namespace Grievance.Workflow.Sweeping;

/// <summary>Which timer of a grievance is due.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DueWorkKind>))]
public enum DueWorkKind
{
    /// <summary>The officer's time limit (<see cref="GrievanceSnapshot.DueAt"/>) on a pending grievance not yet flagged overdue.</summary>
    OfficerDeadline = 1,

    /// <summary>The feedback window (<see cref="GrievanceSnapshot.FeedbackDueAt"/>) on a grievance awaiting feedback.</summary>
    FeedbackWindow = 2,
}
