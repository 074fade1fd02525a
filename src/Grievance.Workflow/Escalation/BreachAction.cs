using System.Text.Json.Serialization;

namespace Grievance.Workflow.Escalation;

/// <summary>What the default ladder does when an officer's time limit passes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BreachAction>))]
public enum BreachAction
{
    /// <summary>Keep it with the officer and flag it as a defaulter (IGRS's defaulter list).</summary>
    FlagDefaulter = 1,

    /// <summary>Move it up to the next level with a new clock; at the top level, flag it as a defaulter instead.</summary>
    EscalateToNextLevel = 2,
}
