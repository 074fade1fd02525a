using FluentAssertions;
using Grievance.Workflow.Sqlite;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>Given the snapshot a change was decided on, the SQL stores write only the columns that changed.</summary>
public sealed class SqliteChangedColumnsTests : IDisposable
{
    private readonly SqliteFile _file = new();

    [Fact]
    public async Task A_change_with_its_previous_snapshot_writes_only_the_columns_that_differ_from_it()
    {
        var store = new SqliteGrievanceStore(_file.ConnectionString);
        using var seed = new Seed(build: b => b.UseStore(_ => store));
        var g = await seed.RegisterAsync();
        var entry = (await store.GetHistoryAsync(g.Id, default))[0] with { Sequence = 2, Action = GrievanceAction.AddNote, Text = "note" };

        // The previous snapshot given here claims the officer is already "someone-else": so the officer column is not written, and
        // the stored officer shows that only the differing columns (the transfer count and the version) were.
        var next = g with { Version = 2, Officer = new OfficerId("someone-else"), TransferCount = 1 };
        await store.SaveAsync(new GrievanceChange(next, entry) { Previous = g with { Officer = new OfficerId("someone-else") } }, default);

        var stored = (await store.FindAsync(g.Id, default))!;
        stored.Officer.Should().Be(g.Officer, "an unchanged column is left as it is");
        stored.TransferCount.Should().Be(1);
        stored.Version.Should().Be(2);
    }

    [Fact]
    public void A_previous_snapshot_of_another_version_is_refused()
    {
        var g = new GrievanceSnapshot
        {
            Id = GrievanceId.New(), ReferenceNumber = new ReferenceNumber("R-1"), Channel = Channel.Web, Category = new GrievanceCategory("water"),
            Location = new GrievanceLocation("Agra"), ComplainantId = "c-1", Description = "x", Status = GrievanceStatus.Registered,
            RegisteredAt = Seed.Start, UpdatedAt = Seed.Start, Version = 3,
        };
        var entry = new HistoryEntry
        {
            GrievanceId = g.Id, Sequence = 3, OccurredAt = Seed.Start, Actor = Seed.Agent, Action = GrievanceAction.AddNote,
            FromStatus = g.Status, ToStatus = g.Status, FromLevel = 1, ToLevel = 1,
        };

        var make = () => new GrievanceChange(g, entry) { Previous = g with { Version = 1 } };

        make.Should().Throw<ArgumentException>().Which.Message.Should().Contain("at version 2");
    }

    public void Dispose() => _file.Dispose();
}
