using FluentAssertions;
using Grievance.Workflow.Demo.Simulation;
using Grievance.Workflow.Sqlite;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Tests.Storage;

namespace Grievance.Workflow.Tests.Demo;

/// <summary>The simulator runs one short day on each store, and its numbers reconcile.</summary>
public sealed class SimulatorTests
{
    internal static readonly SimulationOptions ShortDay = new() { Days = 1, PerDay = 600, Seed = 42 };

    [Fact]
    public async Task A_short_day_in_memory_reconciles()
    {
        var report = await HelplineSimulator.RunAsync(ShortDay, StoreKind.Memory, connection: null, progress: null, default);

        report.Reconcile().Should().BeEmpty();
        report.Tally.Registered.Should().Be(600);
        report.ByStatus.Values.Sum().Should().Be(600);
        report.Tally.Refused.Should().Be(0);
        report.Departments.Select(d => d.Rank).Should().BeInAscendingOrder();
        report.Channels.Select(c => c.Key).Should().Contain(["helpline-1076", "online-pg-portal", "dm-portal", "tehsil-diwas", "cm-office"]);
    }

    [Fact]
    public async Task With_intake_repeat_callers_are_refused_at_the_category_limit_and_their_likely_duplicates_confirmed_and_it_all_reconciles()
    {
        var report = await HelplineSimulator.RunAsync(ShortDay with { Days = 2, PerDay = 1_500, Intake = true }, StoreKind.Memory, null, null, default);

        report.Reconcile().Should().BeEmpty();
        report.Tally.IntakeRefused.Should().BeGreaterThan(0, "frequent callers call a third time about one category in a day");
        report.Tally.LikelyDuplicates.Should().BeGreaterThan(0);
        report.Tally.Registered.Should().Be(3_000 - (int)report.Tally.IntakeRefused, "a refused call stores nothing");
        report.Tally.Refused.Should().Be(0);
        (await HelplineSimulator.RunAsync(ShortDay, StoreKind.Memory, null, null, default)).Tally.Should().BeEquivalentTo(new { IntakeRefused = 0L, LikelyDuplicates = 0L }, "intake is off without the flag");
    }

    [Fact]
    public async Task With_appeals_disputed_closures_are_appealed_and_decided_both_ways_and_it_all_reconciles()
    {
        var report = await HelplineSimulator.RunAsync(ShortDay with { Days = 20, PerDay = 200, Appeals = true }, StoreKind.Memory, null, null, default);

        report.Reconcile().Should().BeEmpty();
        var total = report.Total;
        total.Appealed.Should().BeGreaterThan(0);
        total.AppealsUpheld.Should().BeGreaterThan(0);
        total.AppealsAllowed.Should().BeGreaterThan(0);
        report.Tally.Refused.Should().Be(0, "every appeal and decision the simulator makes is one the rules allow");
        (await HelplineSimulator.RunAsync(ShortDay, StoreKind.Memory, null, null, default)).Total.Appealed.Should().Be(0, "appeals are off without the flag");
    }

    [Fact]
    public async Task Five_days_touch_every_path_breaches_defaulters_and_escalations_by_reason_included()
    {
        var report = await HelplineSimulator.RunAsync(ShortDay with { Days = 5, PerDay = 250 }, StoreKind.Memory, null, null, default);

        report.Reconcile().Should().BeEmpty();
        var total = report.Total;
        total.Resolved.Should().BeGreaterThan(0);
        total.Rejected.Should().BeGreaterThan(0);
        total.Duplicate.Should().BeGreaterThan(0);
        total.Withdrawn.Should().BeGreaterThan(0);
        total.Transfers.Should().BeGreaterThan(0);
        total.Reopened.Should().BeGreaterThan(0);
        report.ByStatus[GrievanceStatus.AwaitingClarification].Should().BeGreaterThan(0);
        report.Tally.SweeperActions.Should().BeGreaterThan(0, "electricity and police complaints have 3 working days");
        total.Defaulters.Should().BeGreaterThan(0);
        report.TopDefaulters.Should().NotBeEmpty().And.OnlyContain(g => g.DueAt < report.Tally.End && g.Status == GrievanceStatus.PendingWithOfficer);
        report.Tally.EscalationsByReason.Keys.Should().Contain(["dissatisfaction", "manual"]);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_figures_and_another_seed_others()
    {
        var first = await HelplineSimulator.RunAsync(ShortDay, StoreKind.Memory, null, null, default);
        var again = await HelplineSimulator.RunAsync(ShortDay, StoreKind.Memory, null, null, default);
        var other = await HelplineSimulator.RunAsync(ShortDay with { Seed = 43 }, StoreKind.Memory, null, null, default);

        Figures(again).Should().Equal(Figures(first));
        Figures(other).Should().NotEqual(Figures(first));

    }

    [Fact]
    public async Task The_same_seed_gives_the_same_reference_numbers_so_runs_can_be_diffed()
    {
        var days = ShortDay with { Days = 5, PerDay = 120 };
        var first = await HelplineSimulator.RunAsync(days, StoreKind.Memory, null, null, default);
        var again = await HelplineSimulator.RunAsync(days, StoreKind.Memory, null, null, default);

        first.TopDefaulters.Should().NotBeEmpty();
        again.TopDefaulters.Select(g => g.ReferenceNumber).Should().Equal(first.TopDefaulters.Select(g => g.ReferenceNumber));
    }

    [Fact]
    public async Task A_short_day_on_an_SQLite_file_reconciles_equals_the_in_memory_run_and_the_file_answers_the_same_scorecards()
    {
        using var file = new SqliteFile();
        var memory = await HelplineSimulator.RunAsync(ShortDay, StoreKind.Memory, null, null, default);

        var report = await HelplineSimulator.RunAsync(ShortDay, StoreKind.Sqlite, file.ConnectionString, null, default);

        report.Reconcile().Should().BeEmpty();
        report.Database.Should().Be(Path.GetFullPath(file.Path));
        Figures(report).Should().Equal(Figures(memory), "every store gives the same figures for the same seed");
        var reopened = new SqliteGrievanceStore(file.ConnectionString);
        var query = new ScorecardQuery(ScorecardDimension.Department, report.Tally.Start, report.Tally.End.AddTicks(1), report.Tally.End);
        (await reopened.GetScorecardsAsync(query, default)).Should().Equal(report.Departments.Select(d => d.Scorecard).OrderBy(s => s.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_existing_SQLite_file_is_refused_rather_than_mixed_into()
    {
        using var file = new SqliteFile();
        await File.WriteAllTextAsync(file.Path, "not empty");

        var act = async () => await HelplineSimulator.RunAsync(ShortDay, StoreKind.Sqlite, file.ConnectionString, null, default);

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage("*already exists*");
    }

    internal static string[] Figures(SimulationReport report)
        => report.ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}")
            .Concat(report.Departments.Concat(report.Districts).Select(r => $"{r.Rank} {r.TotalMarks} {r.Scorecard}"))
            .Concat(report.Channels.Select(c => c.ToString()))
            .Concat(report.TopDefaulters.Select(g => $"{g.Department} {g.Location.District} {g.DueAt:O}"))
            .Concat(report.Tally.EscalationsByReason.Select(e => $"{e.Key}={e.Value}"))
            .Append($"sms {report.SmsRegistered} {string.Join(",", report.SmsClosed.OrderBy(s => s.Key))}")
            .ToArray();
}

/// <summary>The simulator's short day on a real PostgreSQL server (skipped, with the reason, without one).</summary>
[Testing.SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlSimulatorTests
{
    [Testing.StoreFact]
    public async Task A_short_day_on_PostgreSQL_reconciles_and_equals_the_in_memory_run()
    {
        var memory = await HelplineSimulator.RunAsync(SimulatorTests.ShortDay, StoreKind.Memory, null, null, default);

        var report = await HelplineSimulator.RunAsync(SimulatorTests.ShortDay, StoreKind.Postgres, Environment.GetEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable), null, default);

        report.Reconcile().Should().BeEmpty();
        SimulatorTests.Figures(report).Should().Equal(SimulatorTests.Figures(memory));
    }
}
