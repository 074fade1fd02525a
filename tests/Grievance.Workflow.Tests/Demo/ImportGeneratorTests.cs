using FluentAssertions;
using Grievance.Workflow.Demo.Import;

namespace Grievance.Workflow.Tests.Demo;

/// <summary>The import file generator: the shares of statuses it is asked for, and the same records for the same seed.</summary>
public sealed class ImportGeneratorTests
{
    private static readonly DateTimeOffset DayOne = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Shares_of_pending_and_awaiting_feedback_records_are_drawn_as_asked_and_the_rest_keep_the_desks_proportions()
    {
        var generator = await ImportGenerator.CreateAsync();

        var records = generator.Generate(10_000, seed: 3, DayOne, days: 30, pendingPercent: 50, awaitingFeedbackPercent: 30).ToList();

        var byStatus = records.GroupBy(r => r.Grievance.Status).ToDictionary(g => g.Key, g => g.Count());
        byStatus[GrievanceStatus.PendingWithOfficer].Should().BeInRange(4_800, 5_200);
        byStatus[GrievanceStatus.AwaitingFeedback].Should().BeInRange(2_800, 3_200);
        byStatus[GrievanceStatus.Closed].Should().BeInRange(1_800, 2_200, "the rest are the closed lifecycles");
        records.Select(r => r.Grievance.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_pending_share_alone_leaves_the_other_records_in_the_desks_proportions_and_a_seed_gives_the_same_records()
    {
        var generator = await ImportGenerator.CreateAsync();

        var records = generator.Generate(2_000, seed: 5, DayOne, days: 10, pendingPercent: 60).ToList();
        var again = generator.Generate(2_000, seed: 5, DayOne, days: 10, pendingPercent: 60).ToList();

        records.Count(r => r.Grievance.Status == GrievanceStatus.PendingWithOfficer).Should().BeInRange(1_100, 1_300);
        records.Count(r => r.Grievance.Status == GrievanceStatus.AwaitingFeedback).Should().BeInRange(20, 80, "the rest keep the desk's proportions: 5 in 85 of 40%");
        again.Select(r => (r.Grievance.Status, r.Grievance.RegisteredAt, r.Grievance.ReferenceNumber)).Should().Equal(records.Select(r => (r.Grievance.Status, r.Grievance.RegisteredAt, r.Grievance.ReferenceNumber)));
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(101, null)]
    [InlineData(60, 41)]
    [InlineData(null, 101)]
    public async Task Shares_out_of_range_are_refused(int? pending, int? awaiting)
    {
        var generator = await ImportGenerator.CreateAsync();

        var generate = () => generator.Generate(10, seed: 1, DayOne, days: 1, pending, awaiting);

        generate.Should().Throw<ArgumentOutOfRangeException>();
    }
}
