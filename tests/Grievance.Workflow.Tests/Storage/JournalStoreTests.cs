using FluentAssertions;
using Grievance.Workflow.Events;
using Grievance.Workflow.JournalStore;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>The worked example of a store of your own (samples/Grievance.Workflow.JournalStore) passes the whole conformance kit.</summary>
public sealed class JournalStoreConformanceTests : GrievanceStoreConformanceTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"grievance-journal-{Guid.NewGuid():N}.jsonl");

    protected override async ValueTask<IGrievanceStore> CreateStoreAsync() => await JournalGrievanceStore.OpenAsync(_path);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_path);
    }
}

/// <summary>What the journal adds to the in-memory store it answers from: everything acknowledged survives a restart.</summary>
public sealed class JournalStoreTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"grievance-journal-{Guid.NewGuid():N}.jsonl");

    [Fact]
    public async Task Reopened_the_store_holds_every_grievance_history_contact_outbox_position_and_checkpoint_it_acknowledged()
    {
        GrievanceSnapshot[] written;
        IReadOnlyList<HistoryEntry> history;
        IReadOnlyList<OutboxMessage> outbox;
        await using (var store = await JournalGrievanceStore.OpenAsync(_path))
        {
            using var seed = new Seed(build: b => b.UseStore(_ => store));
            var resolved = await seed.FeedbackAsync(await seed.ReportAsync(await seed.RegisterAsync()), FeedbackResponse.Satisfied);
            var pending = await seed.RegisterAsync();
            written = [resolved, pending];
            history = await store.GetHistoryAsync(resolved.Id, default);
            outbox = await store.ReadAsync(0, 100, default);
            await store.RecordDeliveriesAsync("sms", [new OutboxDelivery(outbox[0].Position, 1, Seed.Start), new OutboxDelivery(outbox[1].Position, 2, Seed.Start)], default);
        }

        await using var reopened = await JournalGrievanceStore.OpenAsync(_path);

        foreach (var g in written)
        {
            (await reopened.FindAsync(g.Id, default)).Should().Be(g);
            (await reopened.FindByReferenceAsync(g.ReferenceNumber, default)).Should().Be(g);
            (await reopened.GetContactDetailsAsync(g.Id, default)).Should().NotBeNull();
        }

        (await reopened.GetHistoryAsync(written[0].Id, default)).Should().Equal(history);
        (await reopened.ReadAsync(0, 100, default)).Select(m => (m.Position, m.Event)).Should().Equal(outbox.Select(m => (m.Position, m.Event)));
        (await reopened.GetCheckpointAsync("sms", default)).Should().Be(outbox[1].Position);
    }

    [Fact]
    public async Task A_torn_last_line_from_a_crash_is_dropped_and_the_store_goes_on_from_the_last_whole_write()
    {
        GrievanceSnapshot kept;
        await using (var store = await JournalGrievanceStore.OpenAsync(_path))
        {
            using var seed = new Seed(build: b => b.UseStore(_ => store));
            kept = await seed.RegisterAsync();
        }

        var whole = new FileInfo(_path).Length;
        await File.AppendAllTextAsync(_path, "{\"Op\":\"save\",\"Grievance\":{\"Id\":"); // the process died mid-write: never acknowledged

        await using (var reopened = await JournalGrievanceStore.OpenAsync(_path))
        {
            (await reopened.FindAsync(kept.Id, default)).Should().Be(kept);
            new FileInfo(_path).Length.Should().Be(whole, "the torn line is cut off");
            using var seed = new Seed(build: b => b.UseStore(_ => reopened));
            var next = await seed.ReportAsync(kept);
            next.Version.Should().Be(kept.Version + 1);
        }

        await using var again = await JournalGrievanceStore.OpenAsync(_path);
        (await again.FindAsync(kept.Id, default))!.Version.Should().Be(kept.Version + 1);
    }

    [Fact]
    public async Task A_damaged_line_before_the_last_is_refused_naming_the_file_and_line()
    {
        await using (var store = await JournalGrievanceStore.OpenAsync(_path))
        {
            using var seed = new Seed(build: b => b.UseStore(_ => store));
            await seed.ReportAsync(await seed.RegisterAsync());
        }

        var lines = await File.ReadAllLinesAsync(_path);
        lines[0] = lines[0][..^5] + "#####";
        await File.WriteAllLinesAsync(_path, lines);

        var open = () => JournalGrievanceStore.OpenAsync(_path);

        (await open.Should().ThrowAsync<InvalidDataException>()).WithMessage($"Line 1 of the journal {_path} cannot be read*");
    }

    [Fact]
    public async Task A_write_the_store_refuses_leaves_nothing_in_the_journal()
    {
        await using var store = await JournalGrievanceStore.OpenAsync(_path);
        using var seed = new Seed(build: b => b.UseStore(_ => store));
        var g = await seed.RegisterAsync();
        var length = new FileInfo(_path).Length;
        var stale = (await seed.Workflow.TryExecuteAsync(new ReportAction(g.Id, Actor.Officer(g.Officer!.Value, g.Department!.Value, 1), "done") { ExpectedVersion = g.Version + 1 })).Error;

        stale.Should().BeOfType<GrievanceConcurrencyException>();
        new FileInfo(_path).Length.Should().Be(length);
    }

    public void Dispose() => File.Delete(_path);
}
