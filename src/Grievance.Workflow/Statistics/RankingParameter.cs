using System;

namespace Grievance.Workflow.Statistics;

/// <summary>One parameter of a ranking: what it measures and how many marks it is worth.</summary>
/// <remarks>Bindable from configuration except <see cref="Score"/>, which only code can set. Not thread-safe while being configured.</remarks>
public sealed class RankingParameter
{
    /// <summary>Gets or sets the name shown beside its marks.</summary>
    /// <value>The default is empty; a name is required.</value>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets what it measures.</summary>
    /// <value>The default is <see cref="RankingMeasure.DisposalWithinTime"/>.</value>
    public RankingMeasure Measure { get; set; }

    /// <summary>Gets or sets its weight: the marks a perfect score earns.</summary>
    /// <value>The default is 0; it must be above 0 and at most 1,000.</value>
    public double Weight { get; set; }

    /// <summary>Gets or sets the score of a <see cref="RankingMeasure.Custom"/> parameter, from 0 to 1 (values outside are clamped).</summary>
    /// <value>The default is <see langword="null"/>; required for <see cref="RankingMeasure.Custom"/>, ignored otherwise.</value>
    public Func<GrievanceScorecard, double>? Score { get; set; }

    /// <summary>Makes a parameter.</summary>
    /// <param name="name">The name.</param>
    /// <param name="measure">What it measures.</param>
    /// <param name="weight">The marks a perfect score earns.</param>
    /// <returns>The parameter.</returns>
    public static RankingParameter Of(string name, RankingMeasure measure, double weight) => new() { Name = name, Measure = measure, Weight = weight };

    /// <summary>Makes a parameter with its own score function.</summary>
    /// <param name="name">The name.</param>
    /// <param name="weight">The marks a perfect score earns.</param>
    /// <param name="score">The score, from 0 to 1.</param>
    /// <returns>The parameter.</returns>
    public static RankingParameter Custom(string name, double weight, Func<GrievanceScorecard, double> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return new() { Name = name, Measure = RankingMeasure.Custom, Weight = weight, Score = score };
    }
}
