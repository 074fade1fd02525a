using FluentAssertions;

namespace Grievance.Workflow.Tests.Model;

public sealed class LevelCountsTests
{
    [Fact]
    public void Counts_compare_by_value_so_snapshots_read_back_from_a_store_are_equal()
    {
        var a = LevelCounts.Empty.Increment(1).Increment(3);
        var b = new LevelCounts([1, 0, 1]);

        a.Should().Equal(1, 0, 1);
        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        (LevelCounts.Empty == new LevelCounts([])).Should().BeTrue();
        a.At(2).Should().Be(0);
        a.At(7).Should().Be(0);
        a.ToString().Should().Be("[1, 0, 1]");
    }

    [Fact]
    public void Negative_counts_and_levels_beyond_the_ladder_limit_are_refused()
    {
        FluentActions.Invoking(() => new LevelCounts([1, -1])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => LevelCounts.Empty.Increment(11)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
