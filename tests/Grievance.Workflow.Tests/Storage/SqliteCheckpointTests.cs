using FluentAssertions;
using Grievance.Workflow.Sqlite;
using Grievance.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Grievance.Workflow.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// Background checkpoints (<see cref="SqliteStoreOptions.CheckpointInBackground"/>): commits are copied from the write-ahead log
/// into the database file by a task of the store's own soon after, where SQLite by itself waits for 1,000 pages of log and makes
/// the commit that reaches them do the copy.
/// </summary>
public sealed class SqliteCheckpointTests : IDisposable
{
    private readonly SqliteFile _file = new();
    private readonly string _copy = Path.Combine(Path.GetTempPath(), $"grievance-tests-{Guid.NewGuid():N}.db");

    [Theory]
    [InlineData(true, 3L)]
    [InlineData(false, 0L)]
    public async Task Commits_reach_the_database_file_itself_soon_after_when_checkpoints_run_in_the_background(bool background, long inFileAlone)
    {
        var store = new SqliteGrievanceStore(_file.ConnectionString, new SqliteStoreOptions { CheckpointInBackground = background });
        using var seed = new Seed(build: b => b.UseStore(_ => store));
        for (var i = 0; i < 3; i++)
        {
            await seed.RegisterAsync();
        }

        if (background)
        {
            await QuietAsync(store.Checkpointer!);
            (store.Checkpointer!.Rounds, store.Checkpointer.Failures).Should().Match<(long Rounds, long Failures)>(c => c.Rounds >= 1 && c.Failures == 0);
        }
        else
        {
            store.Checkpointer.Should().BeNull();
        }

        File.Copy(_file.Path, _copy); // the database file alone, without its log
        GrievancesIn(_copy).Should().Be(inFileAlone, background ? "the background copied the commits into the file" : "a few commits stay in the log until it reaches 1,000 pages");
        (await store.FindAsync(Queries.GrievanceFilter.All, 10, null, default)).Should().HaveCount(3, "the store reads through its log either way");
    }

    [Fact]
    public void A_database_in_memory_has_no_log_to_copy_back()
    {
        new SqliteGrievanceStore("Data Source=checkpoints;Mode=Memory;Cache=Shared").Checkpointer.Should().BeNull();
        new SqliteGrievanceStore("Data Source=:memory:").Checkpointer.Should().BeNull();
        new SqliteStoreOptions().CheckpointInBackground.Should().BeTrue();
    }

    public void Dispose()
    {
        _file.Dispose();
        SqliteFile.Delete(_copy);
    }

    private static async Task QuietAsync(SqliteCheckpointer checkpointer)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (checkpointer.IsRunning)
        {
            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the background rounds stop when the commits do");
            await Task.Delay(10);
        }
    }

    private static long GrievancesIn(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'grievances'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            return 0;
        }

        command.CommandText = "SELECT COUNT(*) FROM grievances";
        return (long)command.ExecuteScalar()!;
    }
}
