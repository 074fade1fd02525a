using FluentAssertions;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Grievance.Workflow.Tests.Statistics;

public sealed class RankingTests
{
    // lucknow: 8 of 10 disposed (6 resolved, 2 closed at the final level), 6 within time; 1 of 2 pending is a defaulter;
    // 6 satisfied and 4 dissatisfied calls; 2 dissatisfied grievances, 1 disposed again; 16 days of disposal in all (2 on average).
    private static readonly GrievanceScorecard Lucknow = new()
    {
        Key = "lucknow", Received = 10, Pending = 2, Defaulters = 1, Resolved = 6, ClosedAtFinalLevel = 2, DisposedWithinTime = 6,
        SatisfiedFeedback = 6, DissatisfiedFeedback = 4, DissatisfiedGrievances = 2, Redisposed = 1, TotalDisposalSeconds = 16 * 86_400,
    };

    private static readonly GrievanceScorecard Agra = new()
    {
        Key = "agra", Received = 4, Resolved = 4, DisposedWithinTime = 4, SatisfiedFeedback = 4, TotalDisposalSeconds = 20 * 86_400,
    };

    private static readonly GrievanceScorecard Kanpur = Lucknow with { Key = "kanpur" };

    private static readonly GrievanceScorecard Meerut = new() { Key = "meerut", Received = 5, Pending = 5, Defaulters = 5 };

    [Fact]
    public void The_IGRS_like_default_gives_hand_computed_marks_and_equal_totals_share_a_rank()
    {
        var ranked = new WeightedRanking(new RankingOptions()).Rank([Lucknow, Meerut, Agra, Kanpur]);

        ranked.Select(r => (r.Rank, r.Scorecard.Key, r.TotalMarks)).Should().Equal(
            (1, "agra", 100.0), (2, "kanpur", 63.0), (2, "lucknow", 63.0), (4, "meerut", 10.0));
        ranked[2].MaxMarks.Should().Be(100);
        ranked[2].Marks.Should().Equal(
            new RankingMark("Disposal within time", 0.75, 30, 40),
            new RankingMark("Satisfaction", 0.6, 18, 30),
            new RankingMark("No defaulters", 0.5, 10, 20),
            new RankingMark("Re-disposal of dissatisfied", 0.5, 5, 10));
        ranked[3].Marks.Select(m => m.Marks).Should().Equal(0, 0, 0, 10); // nothing disposed, no feedback, all defaulters, none dissatisfied
    }

    [Fact]
    public void Custom_parameters_and_weights_change_the_order()
    {
        var options = new RankingOptions();
        options.Parameters.Add(RankingParameter.Of("Resolution", RankingMeasure.Resolution, 50));
        options.Parameters.Add(RankingParameter.Custom("Speed", 50, c => c.AverageDisposalDays is { } days ? 1 - (days / 10) : 0));

        var ranked = new WeightedRanking(options).Rank([Agra, Lucknow, Meerut]);

        // lucknow: 6/8 resolved → 37.5, 2 days on average → 0.8 → 40; agra: all resolved → 50, 5 days → 25; meerut: nothing.
        ranked.Select(r => (r.Rank, r.Scorecard.Key, r.TotalMarks)).Should().Equal((1, "lucknow", 77.5), (2, "agra", 75.0), (3, "meerut", 0.0));
    }

    [Fact]
    public void Custom_scores_are_clamped_between_zero_and_one_and_marks_are_rounded_to_two_decimals()
    {
        var options = new RankingOptions();
        options.Parameters.Add(RankingParameter.Custom("Too high", 10, _ => 2));
        options.Parameters.Add(RankingParameter.Custom("Too low", 10, _ => -1));
        options.Parameters.Add(RankingParameter.Custom("A third", 10, _ => 1 / 3.0));

        var ranked = new WeightedRanking(options).Rank([Agra]).Single();

        ranked.Marks.Select(m => m.Marks).Should().Equal(10, 0, 3.33);
        ranked.TotalMarks.Should().Be(13.33);
        ranked.MaxMarks.Should().Be(30);
    }

    [Fact]
    public void Bad_parameters_are_refused_with_the_values_named()
    {
        var options = new RankingOptions();
        options.Parameters.Add(RankingParameter.Of("Speed", RankingMeasure.Satisfaction, 0));
        options.Parameters.Add(RankingParameter.Of("speed", RankingMeasure.Custom, 10));

        var act = () => new WeightedRanking(options);

        act.Should().Throw<ArgumentException>()
            .WithMessage("*Ranking.Parameters[0].Weight: 0*Ranking.Parameters[1].Name: 'speed'*Ranking.Parameters[1].Measure: Custom*");
    }

    [Fact]
    public void The_ranking_comes_from_DI_with_the_configured_weights_and_bad_ones_fail_on_start()
    {
        using var seed = new Seed(o => o.Ranking.Parameters.Add(RankingParameter.Of("Resolution only", RankingMeasure.Resolution, 10)));
        seed.Services.GetRequiredService<IGrievanceRanking>().Rank([Lucknow]).Single().TotalMarks.Should().Be(7.5);

        var bad = () => new Seed(o => o.Ranking.Parameters.Add(RankingParameter.Of("", RankingMeasure.Resolution, 2000)));
        bad.Should().Throw<OptionsValidationException>().WithMessage("*Ranking.Parameters[0].Name: ''*Ranking.Parameters[0].Weight: 2000*");
    }

    [Fact]
    public void Scorecard_rates_are_derived_from_the_counts_and_empty_ones_are_null()
    {
        Lucknow.Disposed.Should().Be(8);
        Lucknow.AverageDisposalDays.Should().Be(2);
        Lucknow.SatisfactionRate.Should().Be(0.6);
        Lucknow.ResolutionRate.Should().Be(0.75);
        Lucknow.CountOf(GrievanceOutcome.ClosedAtFinalLevel).Should().Be(2);
        Lucknow.CountOf(GrievanceOutcome.None).Should().Be(2);
        (Agra with { Escalated = 1, Reopened = 2 }).EscalationRate.Should().Be(0.25);
        (Agra with { Escalated = 1, Reopened = 2 }).ReopenRate.Should().Be(0.5);
        Meerut.AverageDisposalDays.Should().BeNull();
        Meerut.MedianDisposalDays.Should().BeNull();
        Meerut.SatisfactionRate.Should().BeNull();
        Meerut.ResolutionRate.Should().BeNull();
    }
}
