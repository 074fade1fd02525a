using System;
using System.Collections.Generic;
using System.Linq;

namespace Grievance.Workflow.Statistics;

/// <summary>
/// Ranks scorecards by weighted marks: each parameter scores a scorecard from 0 to 1 and gives that share of its weight, rounded to
/// two decimals; the total decides the rank, equal totals share it, and ties are listed by key.
/// </summary>
/// <remarks>Thread-safe once made; it copies the parameters.</remarks>
public sealed class WeightedRanking : IGrievanceRanking
{
    private readonly RankingParameter[] _parameters;
    private readonly double _maxMarks;

    /// <summary>Makes a ranking.</summary>
    /// <param name="options">The parameters; none means <see cref="RankingOptions.IgrsLike"/>.</param>
    /// <exception cref="ArgumentException">A parameter has no name, a repeated name, a weight outside (0, 1000], or is custom with no score.</exception>
    public WeightedRanking(RankingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Validate(options);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }

        _parameters = options.Parameters.Count == 0
            ? [.. RankingOptions.IgrsLike]
            : options.Parameters.Select(p => new RankingParameter { Name = p.Name, Measure = p.Measure, Weight = p.Weight, Score = p.Score }).ToArray();
        _maxMarks = _parameters.Sum(p => p.Weight);
    }

    /// <inheritdoc />
    public IReadOnlyList<RankedScorecard> Rank(IReadOnlyList<GrievanceScorecard> scorecards)
    {
        ArgumentNullException.ThrowIfNull(scorecards);
        var scored = new List<(GrievanceScorecard Card, double Total, RankingMark[] Marks)>(scorecards.Count);
        foreach (var card in scorecards)
        {
            ArgumentNullException.ThrowIfNull(card, nameof(scorecards));
            var marks = new RankingMark[_parameters.Length];
            var total = 0.0;
            for (var i = 0; i < marks.Length; i++)
            {
                var p = _parameters[i];
                var score = Math.Clamp(Score(p, card), 0, 1);
                var given = Math.Round(score * p.Weight, 2, MidpointRounding.AwayFromZero);
                marks[i] = new RankingMark(p.Name, score, given, p.Weight);
                total += given;
            }

            scored.Add((card, Math.Round(total, 2, MidpointRounding.AwayFromZero), marks));
        }

        scored.Sort((a, b) => a.Total != b.Total ? b.Total.CompareTo(a.Total) : string.CompareOrdinal(a.Card.Key, b.Card.Key));
        var ranked = new RankedScorecard[scored.Count];
        for (var i = 0; i < ranked.Length; i++)
        {
            var rank = i > 0 && scored[i].Total == scored[i - 1].Total ? ranked[i - 1].Rank : i + 1;
            ranked[i] = new RankedScorecard(rank, scored[i].Card, scored[i].Total, _maxMarks, scored[i].Marks);
        }

        return ranked;
    }

    /// <summary>Checks ranking options; used by the options validator too.</summary>
    internal static List<string> Validate(RankingOptions options)
    {
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Parameters.Count; i++)
        {
            var p = options.Parameters[i];
            var at = $"Ranking.Parameters[{i}]";
            if (p is null)
            {
                failures.Add($"{at}: is null.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(p.Name) || !names.Add(p.Name))
            {
                failures.Add($"{at}.Name: '{p.Name}'; a name is required and must differ from the other parameters'.");
            }

            if (!(p.Weight > 0 && p.Weight <= 1000))
            {
                failures.Add($"{at}.Weight: {p.Weight}; must be above 0 and at most 1000.");
            }

            if (!Enum.IsDefined(p.Measure) || (p.Measure == RankingMeasure.Custom && p.Score is null))
            {
                failures.Add($"{at}.Measure: {p.Measure}; must be a known measure, and a custom one needs a Score function.");
            }
        }

        return failures;
    }

    private static double Score(RankingParameter p, GrievanceScorecard c) => p.Measure switch
    {
        RankingMeasure.DisposalWithinTime => c.Disposed == 0 ? 0 : c.DisposedWithinTime / (double)c.Disposed,
        RankingMeasure.Satisfaction => c.SatisfactionRate ?? 0,
        RankingMeasure.NoDefaulters => c.Pending == 0 ? 1 : 1 - (c.Defaulters / (double)c.Pending),
        RankingMeasure.Redisposal => c.DissatisfiedGrievances == 0 ? 1 : c.Redisposed / (double)c.DissatisfiedGrievances,
        RankingMeasure.Resolution => c.ResolutionRate ?? 0,
        RankingMeasure.NoEscalation => 1 - (c.EscalationRate ?? 0),
        _ => p.Score!(c),
    };
}
