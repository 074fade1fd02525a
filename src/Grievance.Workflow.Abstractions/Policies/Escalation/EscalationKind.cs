using System.Text.Json.Serialization;

namespace Grievance.Workflow.Escalation;

/// <summary>What dissatisfaction does to a grievance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EscalationKind>))]
public enum EscalationKind
{
    /// <summary>Back to the officer at the same level for another round.</summary>
    ReopenAtSameLevel = 1,

    /// <summary>Up to a higher level's officer.</summary>
    EscalateToLevel = 2,

    /// <summary>Closed at the final level, outcome <see cref="GrievanceOutcome.ClosedAtFinalLevel"/> (never counted as resolved).</summary>
    CloseAtFinalLevel = 3,

    /// <summary>On a breach: kept where it is and flagged as a defaulter (<see cref="GrievanceSnapshot.IsOverdue"/>).</summary>
    FlagOverdue = 4,
}
