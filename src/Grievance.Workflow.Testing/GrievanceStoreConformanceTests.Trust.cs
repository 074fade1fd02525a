using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

// A system of record never loses, misattributes or leaks a command: text kept byte-exact, command ids told apart by fingerprint,
// racing writers all applied, instants in UTC, complainants anonymized everywhere.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>The nastiest text that passes validation goes through the engine into the store and reads back byte-exact.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task The_nastiest_valid_text_reads_back_byte_exact()
    {
        var (workflow, clock, provider) = Engine(Store);
        await using var _ = provider;
        var devanagari = string.Concat(Enumerable.Repeat("क्षत्रिय ज्ञान श्री ", 200))[..GrievanceLimits.MaxTextLength];
        var family = "👨‍👩‍👧‍👦 परिवार\ttab\r\nCRLF\nLF — 'quoted' \"double\" ; DROP TABLE grievances; -- \\ % _ $1 @p ?";
        var combining = "e\u0301 \u200D\u200C \u00A0 \uFEFF \U0001F1EE\U0001F1F3 \u202E reversed";
        foreach (var text in new[] { devanagari, family, combining })
        {
            Assert.True(GrievanceText.IsValidText(text));
        }

        var contact = new ContactDetails("सीता 👩‍🌾", "+91\t98000", "a'b\"c@example.org", family);
        var registered = await workflow.RegisterAsync(new RegisterGrievance(
            Agent, Channel.Helpline1076, new GrievanceCategory("electricity", "ज्ञान"), new GrievanceLocation("Lucknow", "सदर", "वार्ड १२"),
            new Complainant("citizen-ज्ञान", contact), devanagari) { CommandId = new CommandId("ivr-ज्ञान-1") });
        var id = registered.Grievance.Id;
        await workflow.ExecuteAsync(new AddNote(id, Agent, family));
        clock.Advance(TimeSpan.FromHours(1));
        await workflow.ExecuteAsync(new ReportAction(id, OfficerL1, combining) { CommandId = new CommandId("report-ज्ञान-2") });

        var stored = (await Store.FindAsync(id, default))!;
        var history = await Store.GetHistoryAsync(id, default);
        Assert.Equal(Utf16(devanagari), Utf16(stored.Description));
        Assert.Equal("ज्ञान", stored.Category.SubCategory);
        Assert.Equal("वार्ड १२", stored.Location.Ward);
        Assert.Equal(contact, await Store.GetContactDetailsAsync(id, default));
        Assert.Equal(new[] { null, family, combining }.Select(Utf16), history.Select(e => Utf16(e.Text)));
        Assert.Equal(history[2], await Store.FindByCommandIdAsync(new CommandId("report-ज्ञान-2"), default));

        // A retry of the same registration replays: the fingerprint read back matches the one computed again.
        var again = await workflow.RegisterAsync(new RegisterGrievance(
            Agent, Channel.Helpline1076, new GrievanceCategory("electricity", "ज्ञान"), new GrievanceLocation("Lucknow", "सदर", "वार्ड १२"),
            new Complainant("citizen-ज्ञान", contact), devanagari) { CommandId = new CommandId("ivr-ज्ञान-1") });
        Assert.True(again.IsReplay);

        static string Utf16(string? s) => s is null ? "<null>" : Convert.ToHexString(Encoding.Unicode.GetBytes(s));
    }

    /// <summary>
    /// A command id is stored with the command's fingerprint: the same command again replays, another command under the same id is a
    /// conflict telling what differs, and nothing of either changes.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_reused_command_id_is_told_from_a_retry_by_its_fingerprint()
    {
        var (workflow, _, provider) = Engine(Store);
        await using var _ = provider;
        var g = (await workflow.RegisterAsync(Complaint("electricity"))).Grievance;
        var key = new CommandId("note-1");
        var first = await workflow.ExecuteAsync(new AddNote(g.Id, OfficerL1, "Site visit on Monday.") { CommandId = key });

        var retry = await workflow.ExecuteAsync(new AddNote(g.Id, OfficerL1, "Site visit on Monday.") { CommandId = key });
        var otherText = await workflow.TryExecuteAsync(new AddNote(g.Id, OfficerL1, "Site visit on Tuesday.") { CommandId = key });
        var otherActor = await workflow.TryExecuteAsync(new AddNote(g.Id, Agent, "Site visit on Monday.") { CommandId = key });

        Assert.True(retry.IsReplay);
        Assert.Equal(first.Entry, retry.Entry);
        Assert.NotNull(first.Entry.CommandFingerprint);
        Assert.Equal(CommandIdDifferences.Payload, Assert.IsType<CommandIdConflictException>(otherText.Error).Differences);
        Assert.Equal(CommandIdDifferences.Actor, Assert.IsType<CommandIdConflictException>(otherActor.Error).Differences);
        Assert.Equal(2, (await Store.GetHistoryAsync(g.Id, default)).Count);
    }

    /// <summary>Callers racing with one command id: it is applied once, and every caller gets the first result.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Callers_racing_with_one_command_id_apply_it_once_and_all_get_the_first_result()
    {
        var (workflow, _, provider) = Engine(Store);
        await using var _ = provider;
        var g = (await workflow.RegisterAsync(Complaint("electricity"))).Grievance;
        var command = new AddNote(g.Id, Agent, "Complainant called again.") { CommandId = new CommandId("call-77") };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await workflow.ExecuteAsync(command))));

        Assert.Single(results, r => !r.IsReplay);
        Assert.All(results, r => Assert.Equal(results[0].Entry.Sequence, r.Entry.Sequence));
        Assert.Equal(2, (await Store.GetHistoryAsync(g.Id, default)).Count);
    }

    /// <summary>
    /// 64 valid commands without an expected version race on one grievance with the engine's default retry budget: every one is
    /// applied, once.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Sixty_four_concurrent_commands_without_an_expected_version_are_all_applied()
    {
        var (workflow, _, provider) = Engine(Store, build: b => b.Configure(o => o.ConcurrencyRetryLimit = new GrievanceWorkflowOptions().ConcurrencyRetryLimit));
        await using var _ = provider;
        var g = (await workflow.RegisterAsync(Complaint("electricity"))).Grievance;

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () => await workflow.TryExecuteAsync(new AddNote(g.Id, Agent, $"call {i}")))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Succeeded ? null : r.Error.Message));
        var history = await Store.GetHistoryAsync(g.Id, default);
        Assert.Equal(Enumerable.Range(1, 65).Select(i => (long)i), history.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"call {i}").Order(StringComparer.Ordinal), history.Skip(1).Select(e => e.Text!).Order(StringComparer.Ordinal));
    }

    /// <summary>Every instant reads back in UTC from every store, whatever offset it was written in.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Instants_written_in_any_offset_read_back_in_utc()
    {
        var ist = TimeSpan.FromHours(5.5);
        var g = Minimal(GrievanceId.New(), "REF-IST") with
        {
            RegisteredAt = Start.ToOffset(ist), UpdatedAt = Start.ToOffset(ist), DueAt = Start.AddDays(7).ToOffset(ist), PausedAt = Start.AddDays(1).ToOffset(ist),
        };
        await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null) with { OccurredAt = Start.ToOffset(ist) }, null), default);
        var later = Next(g, "later");
        await Store.SaveAsync(new GrievanceChange(later.Grievance with { UpdatedAt = Start.AddHours(1).ToOffset(ist), ClosedAt = Start.AddHours(1).ToOffset(ist) }, later.Entry with { OccurredAt = Start.AddHours(1).ToOffset(ist) }), default);

        var stored = (await Store.FindAsync(g.Id, default))!;
        var history = await Store.GetHistoryAsync(g.Id, default);
        foreach (var instant in new[] { stored.RegisteredAt, stored.UpdatedAt, stored.DueAt!.Value, stored.PausedAt!.Value, stored.ClosedAt!.Value }.Concat(history.Select(e => e.OccurredAt)))
        {
            Assert.Equal(TimeSpan.Zero, instant.Offset);
        }

        Assert.Equal(Start.AddDays(7), stored.DueAt);
        Assert.Equal(Start.AddHours(1), stored.ClosedAt);
    }

    /// <summary>A deadline given in another offset to an extension reads back in UTC.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Instants_read_back_in_utc()
    {
        var (workflow, _, provider) = Engine(Store);
        await using var _ = provider;
        var g = (await workflow.RegisterAsync(Complaint("electricity"))).Grievance;
        var ist = g.DueAt!.Value.ToOffset(TimeSpan.FromHours(5.5)).AddDays(1);

        await workflow.ExecuteAsync(new ExtendDeadline(g.Id, OfficerL1, ist, "interim reply"));

        var stored = (await Store.FindAsync(g.Id, default))!;
        Assert.Equal(TimeSpan.Zero, stored.DueAt!.Value.Offset);
        Assert.Equal(ist.UtcTicks, stored.DueAt.Value.UtcTicks);
        Assert.All(new[] { stored.RegisteredAt, stored.UpdatedAt }.Concat((await Store.GetHistoryAsync(g.Id, default)).Select(e => e.OccurredAt)), t => Assert.Equal(TimeSpan.Zero, t.Offset));
    }

    /// <summary>Anonymization also replaces the complainant as the actor of their own history entries, and nobody else's.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Anonymization_also_replaces_the_complainant_in_their_own_history_entries()
    {
        var anonymizer = Assert.IsAssignableFrom<IComplainantAnonymizer>(Store);
        var (workflow, clock, provider) = Engine(Store);
        await using var _ = provider;
        var citizen = Actor.Complainant("citizen-42");
        var g = (await workflow.RegisterAsync(new RegisterGrievance(citizen, Channel.Web, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"), new Complainant("citizen-42"), "No power."))).Grievance;
        await workflow.ExecuteAsync(new AddNote(g.Id, citizen, "Still no power."));
        clock.Advance(TimeSpan.FromDays(1));
        var reported = await workflow.ExecuteAsync(new ReportAction(g.Id, OfficerL1, "Restored."));
        await workflow.ExecuteAsync(new RecordFeedback(g.Id, citizen, FeedbackResponse.Satisfied, rating: 5));
        var before = await Store.GetHistoryAsync(g.Id, default);
        var statistics = Assert.IsAssignableFrom<IGrievanceStatistics>(Store);
        var scorecards = new ScorecardQuery(ScorecardDimension.Channel, Start, clock.GetUtcNow().AddDays(1), clock.GetUtcNow().AddDays(1));
        var figures = await statistics.GetScorecardsAsync(scorecards, default);

        Assert.Equal(1, await anonymizer.AnonymizeClosedBeforeAsync(clock.GetUtcNow().AddDays(1), 10, default));
        Assert.Equal(figures, await statistics.GetScorecardsAsync(scorecards, default));

        var after = await Store.GetHistoryAsync(g.Id, default);
        var anonymized = Actor.Complainant(Complainant.AnonymizedId);
        Assert.Equal(before.Select(e => e.Actor == citizen ? e with { Actor = anonymized } : e), after);
        Assert.DoesNotContain(after, e => e.Actor.Id == "citizen-42");
        Assert.Equal(reported.Entry, after[2]);
    }

    /// <summary>An undefined sort order is refused by every store's query, with an <see cref="ArgumentOutOfRangeException"/>.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task An_undefined_sort_order_is_refused()
    {
        var query = Assert.IsAssignableFrom<IGrievanceQuery>(Store);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await query.FindAsync(new GrievanceFilter { Order = (GrievanceOrder)42 }, 10, null, default));
    }

    private static RegisterGrievance Complaint(string category)
        => new(Agent, Channel.Helpline1076, new GrievanceCategory(category), new GrievanceLocation("Lucknow"), new Complainant("citizen-42"), "The October bill is wrong.");
}
