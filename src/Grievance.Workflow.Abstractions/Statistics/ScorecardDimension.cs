using System.Text.Json.Serialization;

namespace Grievance.Workflow.Statistics;

/// <summary>What scorecards are grouped by.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScorecardDimension>))]
public enum ScorecardDimension
{
    /// <summary>The department a grievance is with now; the empty key holds grievances still in triage.</summary>
    Department = 0,

    /// <summary>The district it arose in.</summary>
    District = 1,

    /// <summary>The officer it is with now; the empty key holds grievances with no officer (triage, or a department desk).</summary>
    Officer = 2,

    /// <summary>The channel it arrived through.</summary>
    Channel = 3,
}
