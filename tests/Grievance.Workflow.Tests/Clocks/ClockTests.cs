using FluentAssertions;
using Grievance.Workflow.Sweeping;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Grievance.Workflow.Telemetry;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Grievance.Workflow.Tests.Clocks;

public sealed class ClockTests
{
    [Fact]
    public async Task Due_times_follow_the_category_and_level_limits_on_the_calendar()
    {
        using var seed = new Seed(o =>
        {
            o.Calendar.WeeklyOff = "Saturday, Sunday";
            o.Calendar.Holidays.Add(new DateOnly(2026, 11, 4));
            o.Sla.DaysPerLevel[2] = 10;
            o.Sla.Categories["electricity"] = new Workflow.Clocks.CategorySlaOptions { Days = 3 };
            o.Sla.Categories["electricity"].DaysPerLevel[2] = 5;
        });

        var g = await seed.RegisterAsync();
        var land = await seed.RegisterAsync("land");

        // Monday 2 Nov + 3 working days, Wednesday 4 a holiday: Tue 3, Thu 5, Fri 6.
        g.DueAt.Should().Be(Seed.Start.AddDays(4));
        // land: the default 7 working days: Tue 3, Thu 5, Fri 6, Mon 9, Tue 10, Wed 11, Thu 12.
        land.DueAt.Should().Be(Seed.Start.AddDays(10));

        g = await seed.ReportAsync(g);
        g = await seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);
        g = await seed.ReportAsync(g);
        g = await seed.FeedbackAsync(g, FeedbackResponse.Dissatisfied);

        g.Level.Should().Be(2);
        // Reports take 2 days and feedback 1: escalated on Sunday 8 Nov. Electricity at L2 gets 5 working days:
        // Mon 9, Tue 10, Wed 11, Thu 12, Fri 13.
        g.UpdatedAt.Should().Be(Seed.Start.AddDays(6));
        g.DueAt.Should().Be(Seed.Start.AddDays(11));
    }

    [Fact]
    public async Task A_clarification_pause_moves_the_deadline_by_exactly_its_length_and_shows_both_events_in_history()
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();
        var dueBefore = g.DueAt!.Value;
        seed.Clock.Advance(TimeSpan.FromHours(5));

        var paused = (await seed.Workflow.ExecuteAsync(new RequestClarification(g.Id, Seed.OfficerL1, "Which meter number is on the bill?"))).Grievance;
        seed.Clock.Advance(new TimeSpan(2, 3, 17, 41));
        var resumed = (await seed.Workflow.ExecuteAsync(new ProvideClarification(g.Id, Seed.Citizen, "Meter 4471."))).Grievance;

        paused.Status.Should().Be(GrievanceStatus.AwaitingClarification);
        paused.PausedAt.Should().Be(Seed.Start.AddHours(5));
        resumed.Status.Should().Be(GrievanceStatus.PendingWithOfficer);
        resumed.PausedAt.Should().BeNull();
        resumed.DueAt.Should().Be(dueBefore + new TimeSpan(2, 3, 17, 41));
        resumed.TimerToken.Should().BeGreaterThan(paused.TimerToken).And.BeGreaterThan(g.TimerToken);
        var history = await seed.Workflow.GetHistoryAsync(g.Id);
        history.Skip(1).Select(e => (e.Action, e.Text)).Should().Equal(
            (GrievanceAction.RequestClarification, "Which meter number is on the bill?"),
            (GrievanceAction.ProvideClarification, "Meter 4471."));
    }

    [Fact]
    public async Task A_paused_grievance_is_never_found_overdue_by_the_sweeper()
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();
        await seed.Workflow.ExecuteAsync(new RequestClarification(g.Id, Seed.OfficerL1, "?"));
        seed.Clock.Advance(TimeSpan.FromDays(30));

        var sweep = await seed.Services.GetRequiredService<IGrievanceSweeper>().SweepAsync(seed.Clock.GetUtcNow(), 100);

        sweep.Examined.Should().Be(0);
        (await seed.Workflow.GetAsync(g.Id)).IsOverdue.Should().BeFalse();
    }

    [Fact]
    public async Task An_interim_reply_extends_the_deadline_up_to_the_limit_and_never_backwards()
    {
        using var seed = new Seed(o => o.Sla.MaxExtensions = 2);
        var g = await seed.RegisterAsync();
        var first = g.DueAt!.Value.AddDays(3);

        var extended = (await seed.Workflow.ExecuteAsync(new ExtendDeadline(g.Id, Seed.OfficerL1, first, "Lineman's report awaited."))).Grievance;
        var earlier = await seed.Workflow.TryExecuteAsync(new ExtendDeadline(g.Id, Seed.OfficerL1, first.AddDays(-1), "oops"));
        extended = (await seed.Workflow.ExecuteAsync(new ExtendDeadline(g.Id, Seed.OfficerL1, first.AddDays(2), "Transformer on order."))).Grievance;
        var third = await seed.Workflow.TryExecuteAsync(new ExtendDeadline(g.Id, Seed.OfficerL1, first.AddDays(9), "again"));

        extended.DueAt.Should().Be(first.AddDays(2));
        extended.ExtensionCount.Should().Be(2);
        earlier.Error.Should().BeOfType<DeadlineExtensionOutOfRangeException>().Which.Should().BeEquivalentTo(new { Requested = first.AddDays(-1), Earliest = first });
        third.Error.Should().BeOfType<ExtensionLimitExceededException>().Which.Should().BeEquivalentTo(new { ExtensionCount = 2, Limit = 2, GrievanceId = (GrievanceId?)g.Id });
        (await seed.Workflow.GetHistoryAsync(g.Id)).Where(e => e.Action == GrievanceAction.ExtendDeadline).Select(e => e.Text)
            .Should().Equal("Lineman's report awaited.", "Transformer on order.");
    }

    [Fact]
    public async Task An_extension_beyond_the_horizon_is_refused_so_no_grievance_escapes_the_defaulter_list()
    {
        using var seed = new Seed(o => o.Sla.ExtensionHorizonWorkingDays = 10);
        var g = await seed.RegisterAsync();
        var latest = seed.Services.GetRequiredService<Grievance.Workflow.Clocks.IBusinessCalendar>().AddWorkingDays(Seed.Start, 10);

        var forever = await seed.Workflow.TryExecuteAsync(new ExtendDeadline(g.Id, Seed.OfficerL1, DateTimeOffset.MaxValue, "never"));
        var justBeyond = await seed.Workflow.TryExecuteAsync(new ExtendDeadline(g.Id, Seed.OfficerL1, latest.AddTicks(1), "too far"));
        var atTheHorizon = await seed.Workflow.TryExecuteAsync(new ExtendDeadline(g.Id, Seed.OfficerL1, latest, "interim reply"));

        forever.Error.Should().BeOfType<DeadlineExtensionOutOfRangeException>().Which.Should().BeEquivalentTo(new { Requested = DateTimeOffset.MaxValue, Latest = latest, Earliest = g.DueAt!.Value });
        justBeyond.Error.Should().BeOfType<DeadlineExtensionOutOfRangeException>();
        atTheHorizon.GetValueOrThrow().Grievance.DueAt.Should().Be(latest);
    }

    [Fact]
    public async Task A_deadline_given_in_another_offset_is_kept_in_utc()
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();
        var ist = new DateTimeOffset(2026, 11, 14, 17, 0, 0, TimeSpan.FromHours(5.5));

        var extended = (await seed.Workflow.ExecuteAsync(new ExtendDeadline(g.Id, Seed.OfficerL1, ist, "interim reply"))).Grievance;

        extended.DueAt!.Value.Offset.Should().Be(TimeSpan.Zero);
        extended.DueAt.Should().Be(ist);
    }

    [Fact]
    public async Task A_clock_that_steps_back_never_moves_history_back_in_time()
    {
        var clock = new SkewedClock(Seed.Start);
        using var seed = new Seed(clock: clock, build: b => b.Services.AddMetrics().AddLogging(l => l.AddFakeLogging()));
        using var regressions = new MetricCollector<long>(seed.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), GrievanceTelemetry.Name, GrievanceTelemetry.ClockRegressions);
        var logs = seed.Services.GetRequiredService<FakeLogCollector>();
        var g = await seed.RegisterAsync();
        seed.Clock.Advance(TimeSpan.FromDays(1));
        g = (await seed.Workflow.ExecuteAsync(new RequestClarification(g.Id, Seed.OfficerL1, "Which meter number?"))).Grievance;
        var pausedAt = g.PausedAt!.Value;
        var dueAt = g.DueAt!.Value;
        clock.Behind = TimeSpan.FromDays(6); // stepped back, to before the registration

        var answered = (await seed.Workflow.ExecuteAsync(new ProvideClarification(g.Id, Seed.Citizen, "Meter 4471."))).Grievance;
        var reported = (await seed.Workflow.ExecuteAsync(new ReportAction(g.Id, Seed.OfficerL1, "Bill revised."))).Grievance;

        answered.DueAt.Should().Be(dueAt, "no time passed on the record, so the paused clock gives back nothing and takes nothing");
        reported.DisposedAt.Should().Be(pausedAt);
        var history = await seed.Workflow.GetHistoryAsync(g.Id);
        history.Select(e => e.OccurredAt).Should().BeInAscendingOrder();
        history[^1].OccurredAt.Should().BeOnOrAfter(history[0].OccurredAt);
        regressions.GetMeasurementSnapshot().Select(m => m.Value).Sum().Should().Be(2);
        logs.GetSnapshot().Where(r => r.Id.Id == 1011).Should().HaveCount(2).And.OnlyContain(r => r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Every_re_armed_timer_gets_a_new_token_so_a_stale_sweep_command_is_refused()
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();
        seed.Clock.Advance(TimeSpan.FromDays(9));
        var staleToken = g.TimerToken;
        await seed.Workflow.ExecuteAsync(new ExtendDeadline(g.Id, Seed.OfficerL1, seed.Clock.GetUtcNow().AddDays(1), "interim reply"));
        seed.Clock.Advance(TimeSpan.FromDays(2));

        var stale = await seed.Workflow.TryExecuteAsync(new HandleDueWork(g.Id, Actor.System, GrievanceAction.SlaBreach, staleToken));

        stale.Error.Should().BeOfType<GrievanceActionNotAllowedException>().Which.Reason.Should().StartWith($"the timer is not due: the sweeper read token {staleToken}, the grievance has token {staleToken + 1}");
        (await seed.Workflow.GetAsync(g.Id)).IsOverdue.Should().BeFalse();
    }
}
