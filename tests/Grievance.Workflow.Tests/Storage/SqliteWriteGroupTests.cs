using Grievance.Workflow.Sqlite;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// Group commit on a SQLite file (<see cref="WriteGroupConformance"/>): a write is held by another connection holding the file's
/// write lock (<c>BEGIN IMMEDIATE</c>), and waits in the busy handler until it is let go.
/// </summary>
public sealed class SqliteWriteGroupTests : WriteGroupConformance, IDisposable
{
    private readonly SqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    protected override Task<GroupedStore> OpenAsync(TimeSpan? patience)
    {
        var store = new SqliteGrievanceStore(_file.ConnectionString);
        store.Groups.Patience = patience ?? store.Groups.Patience;
        var groups = store.Groups;
        return Task.FromResult(new GroupedStore(new Seed(build: b => b.UseStore(_ => store)), store, () => groups.Waiting, () => groups.SharedGroups, () => groups.AtServer, groups.Places, store));
    }

    protected override async Task<HeldWrite> HoldAsync(GroupedStore store)
    {
        var holder = new SqliteConnection(_file.ConnectionString);
        await holder.OpenAsync();
        await ExecuteAsync(holder, "BEGIN IMMEDIATE");

        // The next write takes the groups' one place and waits for the lock; the writes after it wait for the place.
        return new HeldWrite(() => Poll.UntilAsync(() => store.AtServer() == 1), () => ExecuteAsync(holder, "ROLLBACK"), holder);
    }

    protected override Task<long?> TransactionsAsync(IReadOnlyList<GrievanceId> ids) => Task.FromResult<long?>(null);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
