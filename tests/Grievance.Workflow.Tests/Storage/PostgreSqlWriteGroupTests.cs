using FluentAssertions;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// Group commit on PostgreSQL (<see cref="WriteGroupConformance"/>): a write is held by flow rollup rows of its district another
/// transaction inserted and has not committed; a group's rows share one transaction id (<c>xmin</c>); and a write held at the
/// server holds the writes behind it no longer than the groups' patience.
/// </summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlWriteGroupTests : WriteGroupConformance, IAsyncLifetime
{
    private readonly PostgreSqlSchema _schema = new("write_groups");
    private readonly string _application = $"groups-{Guid.NewGuid():N}"[..20];

    private string Scoped => _schema.Scoped;

    /// <inheritdoc />
    public Task InitializeAsync() => _schema.CreateAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => _schema.DropAsync();

    [StoreFact]
    public async Task A_write_held_at_the_server_holds_the_writes_behind_it_no_longer_than_the_groups_patience()
    {
        await using var opened = await OpenAsync(patience: null); // the store's own patience
        var seed = opened.Seed;
        await using var held = await HoldAsync(opened);
        var first = Task.Run(() => seed.Workflow.RegisterAsync(Seed.Complaint()).AsTask());
        await held.UntilHeldAsync();

        var behind = Enumerable.Range(0, 3).Select(_ => seed.Workflow.RegisterAsync(Seed.Complaint(location: Agra)).AsTask()).ToList();
        var all = Task.WhenAll(behind);
        (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30)))).Should().BeSameAs(all, "the writes behind the held one go beside it once out of patience");
        first.IsCompleted.Should().BeFalse();

        await held.ReleaseAsync();
        (await first).Grievance.Location.District.Should().Be("Lucknow");
    }

    protected override async Task<GroupedStore> OpenAsync(TimeSpan? patience)
    {
        var store = new PostgreSqlGrievanceStore(new NpgsqlConnectionStringBuilder(Scoped) { ApplicationName = _application }.ConnectionString);
        store.Groups.Patience = patience ?? store.Groups.Patience;
        await store.MigrateAsync();
        var groups = store.Groups;
        return new GroupedStore(new Seed(build: b => b.UseStore(_ => store)), store, () => groups.Waiting, () => groups.SharedGroups, () => groups.AtServer, groups.Places, store);
    }

    protected override async Task<HeldWrite> HoldAsync(GroupedStore store)
    {
        var rows = await HeldFlowRows.HoldAsync(Scoped, "Lucknow", store.Seed.Clock.GetUtcNow());
        return new HeldWrite(() => HeldFlowRows.WaitUntilWaitingOnALockAsync(Scoped, _application), rows.ReleaseAsync, rows);
    }

    protected override async Task<long?> TransactionsAsync(IReadOnlyList<GrievanceId> ids)
        => await PostgreSqlServer.CountAsync(Scoped, $"SELECT COUNT(DISTINCT xmin::text) FROM grievances WHERE id IN ({string.Join(", ", ids.Select(id => $"'{id}'"))})");
}
