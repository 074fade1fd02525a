using System.Text.Json.Serialization;

namespace Grievance.Workflow;

/// <summary>Why a grievance moved up a level.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EscalationReason>))]
public enum EscalationReason
{
    /// <summary>The complainant was dissatisfied with the disposal.</summary>
    Dissatisfaction = 1,

    /// <summary>The officer's time limit passed.</summary>
    SlaBreach = 2,

    /// <summary>An administrator escalated it by hand.</summary>
    Manual = 3,
}
