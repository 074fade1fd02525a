using System.Text.Json.Serialization;

namespace Grievance.Workflow.Intake;

/// <summary>What a registration past an intake limit gets.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IntakeLimitAction>))]
public enum IntakeLimitAction
{
    /// <summary>Refused with <see cref="IntakeLimitExceededException"/>, naming the limit; nothing is stored.</summary>
    Refuse = 0,

    /// <summary>Taken, and flagged with the limit's code (<see cref="GrievanceSnapshot.IntakeFlag"/>) for triage to look at.</summary>
    Flag = 1,
}
