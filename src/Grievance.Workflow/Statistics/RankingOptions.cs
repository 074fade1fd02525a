using System.Collections.Generic;

namespace Grievance.Workflow.Statistics;

/// <summary>Options of the ranking (<see cref="WeightedRanking"/>): its parameters and their weights.</summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class RankingOptions
{
    /// <summary>Gets the parameters, in the order their marks are reported.</summary>
    /// <value>The default is empty, meaning <see cref="IgrsLike"/>.</value>
    public IList<RankingParameter> Parameters { get; } = new List<RankingParameter>();

    /// <summary>
    /// Gets a fresh copy of the IGRS-like default, 100 marks: disposal within the time limit 40, satisfaction from feedback 30, no
    /// defaulters 20, re-disposal of dissatisfied cases 10.
    /// </summary>
    public static IReadOnlyList<RankingParameter> IgrsLike =>
    [
        RankingParameter.Of("Disposal within time", RankingMeasure.DisposalWithinTime, 40),
        RankingParameter.Of("Satisfaction", RankingMeasure.Satisfaction, 30),
        RankingParameter.Of("No defaulters", RankingMeasure.NoDefaulters, 20),
        RankingParameter.Of("Re-disposal of dissatisfied", RankingMeasure.Redisposal, 10),
    ];
}
