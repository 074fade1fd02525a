using FluentAssertions;
using Grievance.Workflow.Intake;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Tests.Intake;

/// <summary>
/// Intake at registration (MP CM Helpline 181): limits on one complainant's complaints a day, refused or flagged; likely duplicates
/// recorded for triage, never closed. Off by default.
/// </summary>
public sealed class IntakeTests
{
    private static Seed Enabled(Action<IntakeOptions>? configure = null, string zone = "UTC") => new(o =>
    {
        (o.Intake.Enabled, o.Calendar.TimeZoneId) = (true, zone);
        configure?.Invoke(o.Intake);
    });

    private static RegisterGrievance From(string complainant, string category = "electricity", string district = "Lucknow")
        => new(Seed.Agent, Channel.Helpline1076, new GrievanceCategory(category), new GrievanceLocation(district), new Complainant(complainant), "Complaint.");

    [Fact]
    public async Task Off_by_default_every_registration_is_taken_and_nothing_is_looked_for()
    {
        using var seed = new Seed();

        var all = new List<GrievanceSnapshot>();
        for (var i = 0; i < 15; i++)
        {
            all.Add((await seed.Workflow.RegisterAsync(From("citizen-42"))).Grievance);
        }

        all.Should().OnlyContain(g => g.LikelyDuplicates.Count == 0 && g.IntakeFlag == null);
    }

    [Fact]
    public async Task At_the_daily_limit_the_next_registration_is_refused_naming_the_limit_not_the_complainant_and_nothing_is_stored()
    {
        using var seed = Enabled(o => (o.MaxPerDay, o.MaxPerCategoryPerDay) = (3, null));
        for (var i = 0; i < 3; i++)
        {
            await seed.Workflow.RegisterAsync(From("citizen-42", i % 2 == 0 ? "electricity" : "water"));
        }

        var result = await seed.Workflow.TryRegisterAsync(From("citizen-42", "roads"));

        var error = result.Error.Should().BeOfType<IntakeLimitExceededException>().Subject;
        error.Limit.Should().Be(new IntakeLimit(IntakeLimit.PerDay, 3, 3));
        error.Message.Should().Contain("already filed 3 complaints today").And.Contain($"'{IntakeLimit.PerDay}' allows 3").And.NotContain("citizen-42");
        (await Mine(seed, "citizen-42")).Should().HaveCount(3, "a refused registration stores nothing");
        (await seed.Workflow.TryRegisterAsync(From("citizen-77", "roads"))).Succeeded.Should().BeTrue("the limit is per complainant");
    }

    [Fact]
    public async Task The_category_limit_refuses_a_third_complaint_of_one_category_while_another_category_is_taken()
    {
        using var seed = Enabled(o => o.MaxPerCategoryPerDay = 2);
        await seed.Workflow.RegisterAsync(From("citizen-42"));
        await seed.Workflow.RegisterAsync(From("citizen-42"));

        var third = await seed.Workflow.TryRegisterAsync(From("citizen-42"));
        var water = await seed.Workflow.TryRegisterAsync(From("citizen-42", "water"));

        third.Error.Should().BeOfType<IntakeLimitExceededException>().Which.Limit.Should().Be(new IntakeLimit(IntakeLimit.PerCategoryPerDay, 2, 2, "electricity"));
        water.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_day_is_the_desks_local_day_so_the_count_starts_again_at_local_midnight()
    {
        using var seed = Enabled(o => o.MaxPerDay = 2, zone: "Asia/Kolkata");
        seed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 18, 0, 0, TimeSpan.Zero)); // 23:30 IST
        await seed.Workflow.RegisterAsync(From("citizen-42"));
        await seed.Workflow.RegisterAsync(From("citizen-42", "water"));
        (await seed.Workflow.TryRegisterAsync(From("citizen-42", "roads"))).Error.Should().BeOfType<IntakeLimitExceededException>();

        seed.Clock.Advance(TimeSpan.FromMinutes(40)); // 00:10 IST, the next local day (still 2 November in UTC)

        (await seed.Workflow.TryRegisterAsync(From("citizen-42", "roads"))).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Set_to_flag_a_registration_past_the_limit_is_taken_and_flagged_with_the_limits_code()
    {
        using var seed = Enabled(o => (o.MaxPerDay, o.AtLimit) = (1, IntakeLimitAction.Flag));
        var first = (await seed.Workflow.RegisterAsync(From("citizen-42"))).Grievance;

        var second = (await seed.Workflow.RegisterAsync(From("citizen-42", "water"))).Grievance;

        first.IntakeFlag.Should().BeNull();
        second.IntakeFlag.Should().Be(IntakeLimit.PerDay);
        (await seed.Workflow.GetAsync(second.Id)).IntakeFlag.Should().Be(IntakeLimit.PerDay);
    }

    [Fact]
    public async Task Likely_duplicates_are_the_complainants_same_category_and_place_within_the_window_newest_first_and_triage_confirms_them()
    {
        using var seed = Enabled(o => (o.MaxPerDay, o.MaxPerCategoryPerDay, o.DuplicateWindow) = (null, null, TimeSpan.FromDays(30)));
        var old = (await seed.Workflow.RegisterAsync(From("citizen-42"))).Grievance;
        seed.Clock.Advance(TimeSpan.FromDays(31));
        var a = (await seed.Workflow.RegisterAsync(From("citizen-42"))).Grievance;
        seed.Clock.Advance(TimeSpan.FromDays(1));
        await seed.Workflow.RegisterAsync(From("citizen-42", "water"));
        await seed.Workflow.RegisterAsync(From("citizen-42", district: "Kanpur"));
        await seed.Workflow.RegisterAsync(From("citizen-77"));
        var b = (await seed.Workflow.RegisterAsync(From("citizen-42"))).Grievance;
        seed.Clock.Advance(TimeSpan.FromHours(2));

        var c = (await seed.Workflow.RegisterAsync(From("citizen-42"))).Grievance;

        c.LikelyDuplicates.Should().Equal(b.ReferenceNumber, a.ReferenceNumber);
        c.LikelyDuplicates.Should().NotContain(old.ReferenceNumber, "it is older than the window");
        c.Status.Should().Be(GrievanceStatus.PendingWithOfficer, "a likely duplicate is never closed automatically");
        var confirmed = await seed.Workflow.ExecuteAsync(new MarkDuplicate(c.Id, Seed.Agent, c.LikelyDuplicates[0]));
        confirmed.Grievance.Should().BeEquivalentTo(new { Outcome = GrievanceOutcome.Duplicate, DuplicateOf = (ReferenceNumber?)b.ReferenceNumber });
    }

    [Fact]
    public async Task A_grievance_closed_as_a_duplicate_is_not_offered_again_as_a_likely_original()
    {
        using var seed = Enabled();
        var a = (await seed.Workflow.RegisterAsync(From("citizen-42"))).Grievance;
        var b = (await seed.Workflow.RegisterAsync(From("citizen-42"))).Grievance;
        await seed.Workflow.ExecuteAsync(new MarkDuplicate(b.Id, Seed.Agent, a.ReferenceNumber));

        var c = (await seed.Workflow.RegisterAsync(From("citizen-42"))).Grievance;

        c.LikelyDuplicates.Should().Equal(a.ReferenceNumber);
    }

    [Fact]
    public async Task A_host_may_plug_its_own_intake_policy_in()
    {
        using var seed = new Seed(build: b => b.AddIntakePolicy<NoStrangers>());

        var result = await seed.Workflow.TryRegisterAsync(From("stranger"));
        var taken = await seed.Workflow.RegisterAsync(From("citizen-42"));

        result.Error.Should().BeOfType<IntakeLimitExceededException>().Which.Limit.Code.Should().Be("strangers");
        taken.Grievance.IntakeFlag.Should().Be("checked");
    }

    [Fact]
    public void Enabled_on_a_store_without_an_index_by_complainant_fails_the_start_naming_the_interface()
    {
        var act = () => new Seed(o => o.Intake.Enabled = true, build: b => b.UseStore(_ => new YieldingStore(new InMemoryGrievanceStore())));

        act.Should().Throw<InvalidOperationException>().WithMessage($"*{nameof(IComplainantGrievanceQuery)}*YieldingStore*");
    }

    [Theory]
    [InlineData(0, null, "*Intake.MaxPerDay*")]
    [InlineData(null, 1001, "*Intake.MaxPerCategoryPerDay*")]
    public void Limits_outside_one_to_a_thousand_fail_the_options_naming_them(int? perDay, int? perCategory, string message)
    {
        var act = () => new Seed(o => (o.Intake.MaxPerDay, o.Intake.MaxPerCategoryPerDay) = (perDay, perCategory));

        act.Should().Throw<OptionsValidationException>().WithMessage(message);
    }

    [Fact]
    public void A_negative_duplicate_window_fails_the_options_naming_it()
    {
        var act = () => new Seed(o => o.Intake.DuplicateWindow = TimeSpan.FromDays(-1));

        act.Should().Throw<OptionsValidationException>().WithMessage("*Intake.DuplicateWindow*");
    }

    private static async Task<IReadOnlyList<GrievanceSnapshot>> Mine(Seed seed, string complainant)
        => await seed.Services.GetRequiredService<IGrievanceStore>().Should().BeAssignableTo<IComplainantGrievanceQuery>().Subject
            .FindByComplainantAsync(complainant, DateTimeOffset.MinValue, 100, default);

    private sealed class NoStrangers : IIntakePolicy
    {
        public ValueTask<IntakeDecision> DecideAsync(IntakeRequest request, CancellationToken cancellationToken)
            => new(request.Registration.Complainant.Id == "stranger"
                ? IntakeDecision.Refuse(new IntakeLimit("strangers", 0, 0))
                : IntakeDecision.TakeFlagged("checked", ReferenceNumberList.Empty));
    }
}
