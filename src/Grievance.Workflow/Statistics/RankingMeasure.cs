using System.Text.Json.Serialization;

namespace Grievance.Workflow.Statistics;

/// <summary>What a ranking parameter measures on a scorecard, as a score from 0 to 1.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RankingMeasure>))]
public enum RankingMeasure
{
    /// <summary>Closed grievances never breached over closed grievances (<see cref="GrievanceScorecard.DisposedWithinTime"/> ÷ <see cref="GrievanceScorecard.Disposed"/>); 0 when none is closed.</summary>
    DisposalWithinTime = 0,

    /// <summary>The satisfaction rate from feedback calls (<see cref="GrievanceScorecard.SatisfactionRate"/>); 0 with no answered call.</summary>
    Satisfaction = 1,

    /// <summary>1 − defaulters ÷ pending; 1 when nothing is pending.</summary>
    NoDefaulters = 2,

    /// <summary>Dissatisfied grievances disposed again ÷ dissatisfied grievances (<see cref="GrievanceScorecard.Redisposed"/>); 1 when none was dissatisfied.</summary>
    Redisposal = 3,

    /// <summary>Resolved ÷ disposed (<see cref="GrievanceScorecard.ResolutionRate"/>); 0 when none is disposed.</summary>
    Resolution = 4,

    /// <summary>1 − escalated ÷ received; 1 when none was received.</summary>
    NoEscalation = 5,

    /// <summary>The parameter's own <see cref="RankingParameter.Score"/> function.</summary>
    Custom = 6,
}
