namespace Grievance.Workflow.Statistics;

/// <summary>The marks one parameter of a ranking gave a scorecard.</summary>
/// <param name="Parameter">The parameter's name.</param>
/// <param name="Score">The parameter's measure, from 0 to 1.</param>
/// <param name="Marks">The marks given: <paramref name="Score"/> × <paramref name="MaxMarks"/>.</param>
/// <param name="MaxMarks">The parameter's weight: the most marks it can give.</param>
public sealed record RankingMark(string Parameter, double Score, double Marks, double MaxMarks);
