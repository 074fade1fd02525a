using FluentAssertions;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Grievance.Workflow.Tests.Privacy;

public sealed class RetentionJobTests
{
    [Fact]
    public async Task The_job_anonymizes_complainants_of_grievances_closed_longer_ago_than_the_retention_in_batches_and_keeps_the_figures()
    {
        using var seed = new Seed(o =>
        {
            o.Retention.ContactRetention = TimeSpan.FromDays(30);
            o.Retention.BatchSize = 1; // three batches for two grievances
        });
        var store = seed.Services.GetRequiredService<IGrievanceStore>();
        var statistics = seed.Services.GetRequiredService<IGrievanceStatistics>();
        var early1 = await seed.FeedbackAsync(await seed.ReportAsync(await seed.RegisterAsync()), FeedbackResponse.Satisfied);
        var early2 = (await seed.Workflow.ExecuteAsync(new WithdrawGrievance((await seed.RegisterAsync()).Id, Seed.Citizen))).Grievance;
        seed.Clock.Advance(TimeSpan.FromDays(20));
        var late = await seed.FeedbackAsync(await seed.ReportAsync(await seed.RegisterAsync()), FeedbackResponse.Satisfied);
        var open = await seed.RegisterAsync();
        var query = new ScorecardQuery(ScorecardDimension.Department, Seed.Start, seed.Clock.GetUtcNow(), seed.Clock.GetUtcNow());
        var before = await statistics.GetScorecardsAsync(query, default);
        seed.Clock.Advance(TimeSpan.FromDays(15)); // early ones closed 35+ days ago, the late one 15

        var result = await seed.Services.GetRequiredService<IRetentionJob>().RunAsync(default);

        result.Should().Be(new RetentionResult(seed.Clock.GetUtcNow() - TimeSpan.FromDays(30), 2));
        foreach (var g in new[] { early1, early2 })
        {
            (await seed.Workflow.GetAsync(g.Id)).ComplainantId.Should().Be(Complainant.AnonymizedId);
            (await store.GetContactDetailsAsync(g.Id, default)).Should().BeNull();
        }

        foreach (var g in new[] { late, open })
        {
            (await seed.Workflow.GetAsync(g.Id)).ComplainantId.Should().Be(Seed.Citizen.Id);
            (await store.GetContactDetailsAsync(g.Id, default))!.Name.Should().Be("Ram Prasad");
        }

        (await statistics.GetScorecardsAsync(query, default)).Should().Equal(before);
        (await seed.Workflow.TrackAsync(early1.ReferenceNumber)).Status.Should().Be(GrievanceStatus.Closed);
        (await seed.Services.GetRequiredService<IRetentionJob>().RunAsync(default)).Anonymized.Should().Be(0);
    }

    [Theory]
    [InlineData(0.5, 500, 30, "*Retention.ContactRetention: 12:00:00*")]
    [InlineData(30, 0, 30, "*Retention.BatchSize: 0*")]
    [InlineData(30, 500, 0.02, "*Retention.OutboxRetention: 00:28:48*")]
    public void Bad_retention_options_fail_on_start_with_the_value_named(double days, int batchSize, double outboxDays, string message)
    {
        var act = () => new Seed(o =>
        {
            o.Retention.ContactRetention = TimeSpan.FromDays(days);
            o.Retention.BatchSize = batchSize;
            o.Retention.OutboxRetention = TimeSpan.FromDays(outboxDays);
        });

        act.Should().Throw<OptionsValidationException>().WithMessage(message);
    }

    [Fact]
    public void A_blank_outbox_subscriber_name_fails_on_start_with_the_names_listed()
    {
        var act = () => new Seed(o =>
        {
            o.Retention.OutboxSubscribers.Add("sms");
            o.Retention.OutboxSubscribers.Add(" ");
        });

        act.Should().Throw<OptionsValidationException>().WithMessage("*Retention.OutboxSubscribers: ['sms', ' ']*");
    }

    [Fact]
    public void The_anonymized_complainant_id_is_reserved()
    {
        var act = () => new Complainant(Complainant.AnonymizedId);

        act.Should().Throw<ArgumentException>().WithMessage("*'anonymized' is reserved*");
    }
}
