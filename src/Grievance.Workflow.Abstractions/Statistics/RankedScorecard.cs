using System.Collections.Generic;

namespace Grievance.Workflow.Statistics;

/// <summary>A scorecard with its place in a ranking and the marks behind it.</summary>
/// <param name="Rank">The rank: 1 is best; equal totals share a rank.</param>
/// <param name="Scorecard">The scorecard.</param>
/// <param name="TotalMarks">The marks summed over the parameters.</param>
/// <param name="MaxMarks">The most marks the ranking can give.</param>
/// <param name="Marks">The marks per parameter, in the ranking's parameter order.</param>
public sealed record RankedScorecard(int Rank, GrievanceScorecard Scorecard, double TotalMarks, double MaxMarks, IReadOnlyList<RankingMark> Marks);
