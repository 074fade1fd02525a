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
    public async Task Disposing_the_store_waits_for_its_background_checkpoint_and_leaves_every_commit_in_the_file_alone()
    {
        // Regression: the rounds ran on after the store was done with, so a host that copied the file once it had finished (a
        // backup) could copy it while a round was writing into it — a torn copy ("database disk image is malformed").
        var store = new SqliteGrievanceStore(_file.ConnectionString);
        var seed = new Seed(build: b => b.UseStore(_ => store));
        for (var i = 0; i < 40; i++)
        {
            await seed.RegisterAsync();
        }

        await store.DisposeAsync(); // while the last commits' round runs (rounds end at least 50 ms after the last commit)

        store.Checkpointer!.IsRunning.Should().BeFalse("disposal waits for the running round");
        File.Exists(_file.Path + "-wal").Should().BeFalse("the store's last connection copied its log into the file and removed it");
        File.Copy(_file.Path, _copy);
        GrievancesIn(_copy).Should().Be(40);
        IntegrityOf(_copy).Should().Be("ok");
        seed.Dispose(); // disposes the store again: nothing happens
    }

    [Fact]
    public async Task A_disposed_store_refuses_calls_and_starts_no_more_rounds()
    {
        var store = new SqliteGrievanceStore(_file.ConnectionString);
        using (var seed = new Seed(build: b => b.UseStore(_ => store)))
        {
            await seed.RegisterAsync();
        }

        // The container disposed the store it made (synchronously, as a using block does).
        var rounds = store.Checkpointer!.Rounds;
        var call = async () => await store.FindAsync(Queries.GrievanceFilter.All, 10, null, default);
        await call.Should().ThrowAsync<ObjectDisposedException>();
        store.Checkpointer.IsRunning.Should().BeFalse();
        store.Checkpointer.Committed();
        store.Checkpointer.IsRunning.Should().BeFalse("a stopped checkpointer starts no round");
        store.Checkpointer.Rounds.Should().Be(rounds);
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Commits_racing_the_checkpointers_disposal_start_no_round_after_it()
    {
        var store = new SqliteGrievanceStore(_file.ConnectionString);
        await store.MigrateAsync(); // a file to checkpoint
        await store.DisposeAsync();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var checkpointer = new SqliteCheckpointer(_file.ConnectionString);
            using var stop = new CancellationTokenSource();
            var committers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        checkpointer.Committed();
                        Thread.Yield();
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning, // threads of their own: the rounds need the pool's
                TaskScheduler.Default)).ToArray();
            await Task.Delay(attempt % 4 * 5);

            await checkpointer.DisposeAsync(); // while commits keep coming
            checkpointer.IsRunning.Should().BeFalse($"disposal waits for the round (attempt {attempt})");
            var rounds = checkpointer.Rounds;
            await Task.Delay(80); // longer than the spacing between rounds
            (checkpointer.IsRunning, checkpointer.Rounds, checkpointer.Failures).Should().Be((false, rounds, 0L), $"no round starts after disposal (attempt {attempt})");
            await stop.CancelAsync();
            await Task.WhenAll(committers);
        }
    }

    [Fact]
    public async Task The_log_is_cut_back_to_its_limit_when_it_starts_over_instead_of_keeping_the_size_it_grew_to()
    {
        const long Limit = 256 * 1024;
        var store = new SqliteGrievanceStore(_file.ConnectionString, new SqliteStoreOptions { LogSizeLimitBytes = Limit });
        using var seed = new Seed(build: b => b.UseStore(_ => store));
        await seed.RegisterAsync();
        using (var bulk = new SqliteConnection(_file.ConnectionString + ";Pooling=False"))
        {
            // One large transaction, as a first load's are: the log grows to hold it.
            bulk.Open();
            using var write = bulk.CreateCommand();
            write.CommandText = "CREATE TABLE scratch (b BLOB); INSERT INTO scratch SELECT zeroblob(4000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) SELECT i FROM n);";
            write.ExecuteNonQuery();
        }

        await seed.RegisterAsync(); // a commit of the store's: its background round copies the whole log back
        await QuietAsync(store.Checkpointer!);
        new FileInfo(_file.Path + "-wal").Length.Should().BeGreaterThan(4 * Limit, "a log keeps its size after a checkpoint");

        await seed.RegisterAsync(); // the log was all copied back: this commit starts it over, and cuts it back
        new FileInfo(_file.Path + "-wal").Length.Should().BeLessThanOrEqualTo(Limit);
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

    private static string IntegrityOf(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
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
