using FluentAssertions;
using Grievance.Workflow.Sqlite;
using Microsoft.Data.Sqlite;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>The SQLite dialect sets its PRAGMAs once per physical connection, and they hold every time the pool hands it out.</summary>
public sealed class SqliteConnectionTests : IDisposable
{
    private readonly SqliteFile _file = new();

    [Theory]
    [InlineData(SqliteSynchronous.Full, 2L)]
    [InlineData(SqliteSynchronous.Normal, 1L)]
    public async Task Pragmas_are_set_once_per_physical_connection_and_hold_on_every_reuse(SqliteSynchronous synchronous, long expected)
    {
        var dialect = new SqliteDialect(_file.ConnectionString, new SqliteStoreOptions { Synchronous = synchronous, CacheSizeKibibytes = 8192 });

        for (var i = 0; i < 10; i++)
        {
            await using var connection = await dialect.OpenAsync(default);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            (await command.ExecuteScalarAsync()).Should().Be(expected, $"open {i + 1}");
            command.CommandText = "PRAGMA busy_timeout";
            (await command.ExecuteScalarAsync()).Should().Be(30000L);
            command.CommandText = "PRAGMA cache_size";
            (await command.ExecuteScalarAsync()).Should().Be(-8192L, "the cache size is set in KiB");
        }

        dialect.PhysicalConnectionsPrepared.Should().Be(1, "ten sequential opens reuse one pooled connection");
    }

    [Fact]
    public void The_cache_size_is_refused_outside_its_range()
    {
        var options = new SqliteStoreOptions();

        options.CacheSizeKibibytes.Should().Be(65_536);
        ((Action)(() => options.CacheSizeKibibytes = 1024)).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => options.CacheSizeKibibytes = 4_194_305)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(true, 2_000L)]
    [InlineData(false, 1_000L)]
    public async Task A_writer_copies_the_log_back_itself_past_the_set_pages_only_when_checkpoints_run_in_the_background(bool background, long expected)
    {
        var dialect = new SqliteDialect(_file.ConnectionString, new SqliteStoreOptions { CheckpointInBackground = background, LogPagesBeforeWriterCheckpoint = 2_000 });

        object? pages;
        await using (var connection = await dialect.OpenAsync(default))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint";
            pages = await command.ExecuteScalarAsync();
        }

        await dialect.CloseAsync();
        pages.Should().Be(expected, background ? "the background copies the log back; a writer only past the set pages" : "SQLite's own 1,000 pages");
    }

    [Fact]
    public void The_log_pages_before_a_writers_checkpoint_are_refused_outside_their_range()
    {
        var options = new SqliteStoreOptions();

        options.LogPagesBeforeWriterCheckpoint.Should().Be(10_000);
        ((Action)(() => options.LogPagesBeforeWriterCheckpoint = 999)).Should().Throw<ArgumentOutOfRangeException>().Which.Message.Should().Contain("1,000 to 1,048,576");
        ((Action)(() => options.LogPagesBeforeWriterCheckpoint = 1_048_577)).Should().Throw<ArgumentOutOfRangeException>();
        options.LogPagesBeforeWriterCheckpoint = 1_000;
        options.LogPagesBeforeWriterCheckpoint.Should().Be(1_000);
    }

    public void Dispose() => _file.Dispose();
}
