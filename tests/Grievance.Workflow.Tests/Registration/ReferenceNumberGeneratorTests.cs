using System.Text.RegularExpressions;
using CsCheck;
using FluentAssertions;
using Grievance.Workflow.Registration;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Tests.Registration;

/// <summary>The shipped reference numbers: the random default and the seeded one for reproducible runs, in one format.</summary>
public sealed partial class ReferenceNumberGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 23, 30, 0, TimeSpan.FromHours(5.5));

    [Fact]
    public async Task Both_generators_give_the_prefix_the_UTC_date_and_eight_Crockford_characters()
    {
        var random = await new RandomReferenceNumberGenerator(Options.Create(new GrievanceWorkflowOptions { ReferenceNumberPrefix = "UP" })).NextAsync(GrievanceId.New(), Seed.Complaint(), Now, default);
        var seeded = await new SeededReferenceNumberGenerator(7, "UP").NextAsync(GrievanceId.New(), Seed.Complaint(), Now, default);

        random.Value.Should().MatchRegex(Format());
        seeded.Value.Should().MatchRegex(Format()).And.StartWith("UP-261128-", "the date is the UTC date (18:00 UTC on the 28th)");
    }

    [Fact]
    public void The_seeded_generator_gives_the_same_numbers_for_the_same_seed_and_registrations_in_any_order()
    {
        Gen.Int.Select(Gen.Int[1, 40]).Sample((seed, count) =>
        {
            var registrations = Enumerable.Range(0, count).Select(i => (Complaint: Complaint(i), At: Now.AddMinutes(i))).ToList();
            var first = Numbers(new SeededReferenceNumberGenerator(seed), registrations);
            var shuffled = Numbers(new SeededReferenceNumberGenerator(seed), registrations.AsEnumerable().Reverse().ToList()).AsEnumerable().Reverse().ToList();
            var other = Numbers(new SeededReferenceNumberGenerator(unchecked(seed + 1)), registrations);

            shuffled.Should().Equal(first);
            first.Should().OnlyHaveUniqueItems();
            other.Zip(first).Should().Contain(p => p.First != p.Second);
        }, iter: 50);
    }

    [Fact]
    public async Task Asked_again_for_the_same_registration_after_a_collision_the_seeded_generator_gives_the_next_number_of_its_sequence()
    {
        var complaint = Complaint(1);
        var once = new SeededReferenceNumberGenerator(3);
        var twice = new SeededReferenceNumberGenerator(3);

        var first = await once.NextAsync(GrievanceId.New(), complaint, Now, default);
        var retry = await once.NextAsync(GrievanceId.New(), complaint, Now, default);

        retry.Should().NotBe(first);
        (await twice.NextAsync(GrievanceId.New(), complaint, Now, default)).Should().Be(first);
        (await twice.NextAsync(GrievanceId.New(), complaint, Now, default)).Should().Be(retry, "the retries are reproducible too");
    }

    [Theory]
    [InlineData("")]
    [InlineData("UP-1")]
    [InlineData("ABCDEFGHIJKLMNOPQ")]
    public void A_prefix_the_options_would_refuse_is_refused(string prefix)
    {
        var create = () => new SeededReferenceNumberGenerator(1, prefix);

        create.Should().Throw<ArgumentException>().WithParameterName(nameof(prefix));
    }

    [Fact]
    public async Task A_generator_instance_replaces_the_default_through_the_builder()
    {
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow().UseInMemoryStore().UseReferenceNumberGenerator(new SeededReferenceNumberGenerator(11, "GRV"));
        await using var provider = services.BuildServiceProvider();
        var workflow = provider.GetRequiredService<IGrievanceWorkflow>();
        var clock = provider.GetRequiredService<TimeProvider>();

        var registered = await workflow.RegisterAsync(Seed.Complaint());

        registered.Grievance.ReferenceNumber.Should().Be(await new SeededReferenceNumberGenerator(11, "GRV").NextAsync(registered.Grievance.Id, Seed.Complaint(), registered.Grievance.RegisteredAt, default));
        clock.Should().BeSameAs(TimeProvider.System);
    }

    private static RegisterGrievance Complaint(int i)
        => new(Seed.Agent, Channel.Helpline1076, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"), new Complainant($"citizen-{i}"), $"Complaint {i}.");

    private static List<ReferenceNumber> Numbers(IReferenceNumberGenerator generator, List<(RegisterGrievance Complaint, DateTimeOffset At)> registrations)
        => registrations.Select(r => generator.NextAsync(GrievanceId.New(), r.Complaint, r.At, default).AsTask().GetAwaiter().GetResult()).ToList();

    [GeneratedRegex("^UP-[0-9]{6}-[0-9A-HJKMNP-TV-Z]{8}$")]
    private static partial Regex Format();
}
