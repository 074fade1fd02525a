using FluentAssertions;
using Grievance.Workflow.Authorization;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Feedback;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests;

/// <summary>What the README's dashboard and policy examples do, checked on a seeded desk (their text is compiled from the Markdown by <see cref="Documentation.DocumentationCodeTests"/>).</summary>
public sealed class ReadmeExamplesTests
{
    [Fact]
    public async Task The_dashboard_of_the_README_ranks_districts_and_lists_defaulters()
    {
        using var seed = new Seed();
        var resolved = await seed.FeedbackAsync(await seed.ReportAsync(await seed.RegisterAsync()), FeedbackResponse.Satisfied);
        var forgotten = await seed.RegisterAsync();
        await seed.Workflow.RegisterAsync(new RegisterGrievance(Seed.Agent, Channel.Web, new GrievanceCategory("electricity"), new GrievanceLocation("Agra"), new Complainant("c-2"), "No supply."));
        seed.Clock.Advance(TimeSpan.FromDays(10));
        var provider = seed.Services;
        var timeProvider = seed.Clock;
        var ct = CancellationToken.None;
        var lines = new List<string>();

        var now = timeProvider.GetUtcNow();
        var month = new ScorecardQuery(ScorecardDimension.District, now.AddDays(-30), now, asOf: now);
        var ranking = provider.GetRequiredService<IGrievanceRanking>()
            .Rank(await provider.GetRequiredService<IGrievanceStatistics>().GetScorecardsAsync(month, ct));
        foreach (var r in ranking)
        {
            lines.Add($"{r.Rank,2}. {r.Scorecard.Key,-12} {r.TotalMarks,6:0.##}/{r.MaxMarks} received {r.Scorecard.Received}, " +
                $"defaulters {r.Scorecard.Defaulters}, satisfied {r.Scorecard.SatisfactionRate:P0}, median {r.Scorecard.MedianDisposalDays:0.#} d");
        }

        var defaulters = await provider.GetRequiredService<IGrievanceQuery>()
            .FindAsync(GrievanceFilter.Defaulters(now) with { District = "Lucknow" }, limit: 20, after: null, ct);

        // Lucknow: 1 of 1 disposed within time 40, satisfaction 30, 1 of 1 pending a defaulter 0, none dissatisfied 10 = 80.
        // Agra: nothing disposed 0, no feedback 0, its one pending grievance a defaulter 0, none dissatisfied 10 = 10.
        ranking.Select(r => (r.Rank, r.Scorecard.Key, r.TotalMarks)).Should().Equal((1, "Lucknow", 80.0), (2, "Agra", 10.0));
        lines[0].Should().StartWith(" 1. Lucknow").And.Contain("received 2, defaulters 1").And.Contain("median 3 d");
        defaulters.Select(g => g.Id).Should().Equal(forgotten.Id);
        resolved.Outcome.Should().Be(GrievanceOutcome.Resolved);
    }

    [Fact]
    public async Task A_policy_that_takes_a_TimeProvider_starts_in_a_host_that_registered_none()
    {
        // Regression: the library fell back to TimeProvider.System without registering it, so the README's policy crashed the host.
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow().UseInMemoryStore().AddAuthorizationPolicy<NoWeekendWithdrawals>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        provider.GetRequiredService<IGrievanceWorkflow>().Should().NotBeNull();
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
    }

    [Fact]
    public async Task A_TimeProvider_the_host_registers_after_the_workflow_is_the_one_used()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Seed.Start);
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow().UseInMemoryStore();
        services.AddSingleton<TimeProvider>(clock);
        await using var provider = services.BuildServiceProvider();

        var registered = await provider.GetRequiredService<IGrievanceWorkflow>().RegisterAsync(Seed.Complaint());

        registered.Grievance.RegisteredAt.Should().Be(Seed.Start);
    }

    [Fact]
    public async Task The_custom_policies_of_the_README_plug_in_and_take_effect()
    {
        using var seed = new Seed(o => o.Levels = 3, b => b
            .AddRoutingPolicy<DistrictDeskRouter>()
            .AddEscalationPolicy<StraightToCollectorPolicy>()
            .AddFeedbackPolicy<FiveAttemptsPolicy>()
            .AddAuthorizationPolicy<NoWeekendWithdrawals>());

        var g = await seed.RegisterAsync();
        g.Department.Should().Be(new DepartmentId("dm-lucknow"));

        var officer = Actor.Officer(new OfficerId("any"), g.Department!.Value, 1);
        g = (await seed.Workflow.ExecuteAsync(new ReportAction(g.Id, officer, "done"))).Grievance;
        for (var i = 0; i < 4; i++)
        {
            g = await seed.FeedbackAsync(g, FeedbackResponse.NotReachable);
        }

        g.Status.Should().Be(GrievanceStatus.AwaitingFeedback, "four unreachable calls are not five");
        g = await seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);
        g.Level.Should().Be(2, "the collector's ladder moves L1 straight up");

        seed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 8, 6, 0, 0, TimeSpan.Zero)); // a Sunday
        (await seed.Workflow.TryExecuteAsync(new WithdrawGrievance(g.Id, Seed.Citizen))).Error.Should().BeOfType<GrievanceAuthorizationException>()
            .Which.Reason.Should().Be("withdrawals are taken on working days");
    }

    private sealed class DistrictDeskRouter(IOfficerDirectory officers) : IRoutingPolicy
    {
        public async ValueTask<RoutingDecision> RouteAsync(RoutingRequest request, CancellationToken cancellationToken)
        {
            var department = request.Department ?? new DepartmentId($"dm-{request.Grievance.Location.District.ToLowerInvariant()}");
            return RoutingDecision.Routed(department, await officers.FindOfficerAsync(department, request.Level, request.Grievance.Location, cancellationToken));
        }
    }

    private sealed class StraightToCollectorPolicy : IEscalationPolicy
    {
        public ValueTask<EscalationDecision> DecideAsync(EscalationRequest request, CancellationToken cancellationToken)
            => new(request.Trigger == EscalationReason.SlaBreach || request.Grievance.Level == 1
                ? EscalationDecision.EscalateTo(Math.Min(request.Grievance.Level + 1, 3))
                : EscalationDecision.CloseAtFinalLevel);
    }

    private sealed class FiveAttemptsPolicy : IFeedbackPolicy
    {
        public ValueTask<FeedbackDecision> DecideAsync(FeedbackRequest request, CancellationToken cancellationToken)
            => new(request.Response switch
            {
                FeedbackResponse.NotReachable when request.Grievance.UnreachableAttempts + 1 >= 5 => FeedbackDecision.CloseWithoutFeedback,
                FeedbackResponse.NotReachable or FeedbackResponse.WindowExpired => FeedbackDecision.KeepWaiting,
                _ => FeedbackDecision.Accept,
            });
    }

    internal sealed class NoWeekendWithdrawals(TimeProvider clock) : IAuthorizationPolicy
    {
        private readonly RoleBasedAuthorizationPolicy _default = new();

        public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken)
            => request.Action == GrievanceAction.Withdraw && clock.GetLocalNow().DayOfWeek == DayOfWeek.Sunday
                ? new(AuthorizationDecision.Deny("withdrawals are taken on working days"))
                : _default.AuthorizeAsync(request, cancellationToken);
    }
}
