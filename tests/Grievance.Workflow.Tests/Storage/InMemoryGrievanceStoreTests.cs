using FluentAssertions;
using Grievance.Workflow.Registration;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Storage;

public sealed class InMemoryGrievanceStoreTests
{
    [Fact]
    public async Task Creating_a_taken_reference_number_or_id_is_refused_and_stores_nothing()
    {
        using var seed = new Seed();
        var store = (InMemoryGrievanceStore)seed.Services.GetRequiredService<IGrievanceStore>();
        var g = await seed.RegisterAsync();
        var entry = (await store.GetHistoryAsync(g.Id, default))[0];
        var otherId = GrievanceId.New();

        var sameReference = async () => await store.CreateAsync(new GrievanceCreation(g with { Id = otherId }, entry with { GrievanceId = otherId }, null), default);
        var sameId = async () => await store.CreateAsync(new GrievanceCreation(g with { ReferenceNumber = new ReferenceNumber("GRV-X") }, entry, null), default);

        (await sameReference.Should().ThrowAsync<DuplicateGrievanceException>()).Which.Conflict.Should().Be(DuplicateKind.ReferenceNumber);
        (await sameId.Should().ThrowAsync<DuplicateGrievanceException>()).Which.Conflict.Should().Be(DuplicateKind.GrievanceId);
        store.Count.Should().Be(1);
        (await store.FindByReferenceAsync(new ReferenceNumber("GRV-X"), default)).Should().BeNull();
    }

    [Fact]
    public async Task A_save_that_fails_to_encode_reserves_no_command_id_and_the_retry_applies_exactly_once()
    {
        // Regression: the command id was reserved before the entry was encoded, so a failed encoding left the id pointing at a
        // later command's entry, and the retry came back as a "replay" of someone else's command.
        using var seed = new Seed();
        var store = (InMemoryGrievanceStore)seed.Services.GetRequiredService<IGrievanceStore>();
        var g = await seed.RegisterAsync();
        var key = new CommandId("l1-report-1");
        HistoryEntry Report(string text) => new()
        {
            GrievanceId = g.Id, Sequence = 2, OccurredAt = g.UpdatedAt, Actor = Seed.OfficerL1, Action = GrievanceAction.AddNote,
            FromStatus = g.Status, ToStatus = g.Status, FromLevel = 1, ToLevel = 1, Text = text, CommandId = key,
        };

        var unencodable = async () => await store.SaveAsync(new GrievanceChange(g with { Version = 2 }, Report("bad \uD800 text")), default);
        await unencodable.Should().ThrowAsync<System.Text.EncoderFallbackException>();
        var afterFailure = await store.FindAsync(g.Id, default);
        await store.SaveAsync(new GrievanceChange(g with { Version = 2 }, Report("Site visited.")), default);
        var l2 = await seed.Workflow.TryExecuteAsync(new AddNote(g.Id, Seed.OfficerL2, "L2 note") { CommandId = new CommandId("l2-note-1") });

        afterFailure.Should().Be(g, "the failed save changed nothing");
        (await store.FindByCommandIdAsync(key, default))!.Text.Should().Be("Site visited.");
        (await store.FindByCommandIdAsync(new CommandId("l2-note-1"), default))!.Text.Should().Be("L2 note");
        l2.Succeeded.Should().BeTrue();
        (await store.GetHistoryAsync(g.Id, default)).Select(e => e.Text).Should().Equal(null, "Site visited.", "L2 note");
    }

    [Fact]
    public async Task A_creation_that_fails_to_encode_leaves_its_reference_and_command_id_free()
    {
        using var seed = new Seed();
        var store = (InMemoryGrievanceStore)seed.Services.GetRequiredService<IGrievanceStore>();
        var g = await seed.RegisterAsync();
        var entry = (await store.GetHistoryAsync(g.Id, default))[0];
        var fresh = g with { Id = GrievanceId.New(), ReferenceNumber = new ReferenceNumber("GRV-NEW-1") };
        var first = entry with { GrievanceId = fresh.Id, CommandId = new CommandId("ivr-9"), Text = "lone \uDC00" };

        var unencodable = async () => await store.CreateAsync(new GrievanceCreation(fresh, first, null), default);
        await unencodable.Should().ThrowAsync<System.Text.EncoderFallbackException>();
        await store.CreateAsync(new GrievanceCreation(fresh, first with { Text = null }, null), default);

        (await store.FindByReferenceAsync(new ReferenceNumber("GRV-NEW-1"), default))!.Id.Should().Be(fresh.Id);
        (await store.FindByCommandIdAsync(new CommandId("ivr-9"), default))!.GrievanceId.Should().Be(fresh.Id);
    }

    [Fact]
    public async Task Pruning_thousands_of_events_gives_back_whole_chunks_and_pages_and_keeps_the_rest_readable()
    {
        // Engine events (rebuilt from history) first, then events a caller made itself (kept encoded in pages), over several
        // chunks of records and pages of bytes; pruning stops inside the caller's events.
        using var seed = new Seed();
        var store = (InMemoryGrievanceStore)seed.Services.GetRequiredService<IGrievanceStore>();
        for (var i = 0; i < 700; i++)
        {
            await seed.RegisterAsync();
        }

        var template = (await store.ReadAsync(0, 1, default))[0].Event;
        var g = (await store.FindAsync(template.GrievanceId, default))!;
        var entry = (await store.GetHistoryAsync(g.Id, default))[0];
        for (var i = 0; i < 1400; i++)
        {
            var id = GrievanceId.New();
            var reference = new ReferenceNumber($"GRV-P{i:D5}");
            await store.CreateAsync(new GrievanceCreation(g with { Id = id, ReferenceNumber = reference }, entry with { GrievanceId = id }, null, [template with { GrievanceId = id, ReferenceNumber = reference }]), default);
        }

        var all = await store.ReadAsync(0, 10_000, default);
        all.Should().HaveCount(2800);

        (await store.PruneAsync(2500, Seed.Start.AddDays(1), 10_000, default)).Should().Be(2500);
        (await store.PruneAsync(2500, Seed.Start.AddDays(1), 10_000, default)).Should().Be(0);

        (await store.ReadAsync(0, 10_000, default)).Should().Equal(all.Skip(2500));
        (await store.ReadAsync(100, 10_000, default)).Should().Equal(all.Skip(2500));
        (await store.PruneAsync(2800, Seed.Start.AddDays(1), 10_000, default)).Should().Be(300);
        (await store.ReadAsync(0, 10_000, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_colliding_reference_number_is_reissued_by_the_engine()
    {
        using var seed = new Seed(build: b => b.UseReferenceNumberGenerator<CollidingGenerator>());

        var first = await seed.Workflow.RegisterAsync(Seed.Complaint());
        var second = await seed.Workflow.RegisterAsync(Seed.Complaint());

        first.Grievance.ReferenceNumber.Value.Should().Be("REF-1");
        second.Grievance.ReferenceNumber.Value.Should().Be("REF-2", "REF-1 was taken, so the engine asked again");
        (await seed.Workflow.FindByReferenceAsync(second.Grievance.ReferenceNumber))!.Id.Should().Be(second.Grievance.Id);
    }

    [Fact]
    public async Task Contact_details_are_kept_apart_from_the_workflow_data()
    {
        using var seed = new Seed();
        var store = seed.Services.GetRequiredService<IGrievanceStore>();

        var g = await seed.RegisterAsync();

        (await store.GetContactDetailsAsync(g.Id, default)).Should().BeEquivalentTo(new { Name = "Ram Prasad", Phone = "+91-9800000042" });
        g.ToString().Should().NotContain("Ram").And.NotContain("9800000042").And.NotContain("बिजली");
        (await store.GetHistoryAsync(g.Id, default)).Should().OnlyContain(e => e.Text == null || !e.Text.Contains("Ram"));
    }

    [Fact]
    public void Personal_data_never_shows_in_ToString()
    {
        var contact = new ContactDetails("Sita Devi", "+91-9000000001", "sita@example.org", "Village Rampur");
        var complaint = Seed.Complaint() with { };

        contact.ToString().Should().Be("ContactDetails { redacted }");
        new Complainant("c-1", contact).ToString().Should().Be("Complainant { Id = c-1 }");
        complaint.ToString().Should().Be("Register via helpline-1076 (electricity/billing) by HelplineAgent agent-7");
        new ReportAction(GrievanceId.New(), Seed.OfficerL1, "Met Sita Devi at +91-9000000001").ToString().Should().NotContain("Sita");
    }

    [Fact]
    public async Task The_default_reference_numbers_are_readable_and_distinct()
    {
        using var seed = new Seed();

        var references = new HashSet<string>();
        for (var i = 0; i < 500; i++)
        {
            references.Add((await seed.RegisterAsync()).ReferenceNumber.Value);
        }

        references.Should().HaveCount(500).And.OnlyContain(r => System.Text.RegularExpressions.Regex.IsMatch(r, "^GRV-261102-[0-9A-HJKMNP-TV-Z]{8}$"));
    }

    private sealed class CollidingGenerator : IReferenceNumberGenerator
    {
        private int _next;

        public ValueTask<ReferenceNumber> NextAsync(GrievanceId grievanceId, RegisterGrievance command, DateTimeOffset now, CancellationToken cancellationToken)
        {
            // Hands out REF-1 twice, then REF-2, REF-3, …
            var n = Interlocked.Increment(ref _next);
            return new(new ReferenceNumber($"REF-{Math.Max(1, n - 1)}"));
        }
    }
}
