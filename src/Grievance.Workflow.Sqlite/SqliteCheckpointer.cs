using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Grievance.Workflow.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file in the background after commits (a passive checkpoint on a connection of
/// its own), so that no commit pays for it. At most one checkpoint runs at a time; commits made while one runs are copied back by
/// another round after a short spacing, and the rounds stop when the commits do. A failed round is counted and left: the next
/// commit starts another, and the writers' own automatic checkpoint, set far higher, bounds the log if the rounds cannot keep up.
/// </summary>
/// <remarks>Thread-safe. Holds no connection between rounds; opens the file read-write without creating it, so a round after the
/// file was deleted fails instead of leaving an empty database behind.</remarks>
internal sealed class SqliteCheckpointer
{
    /// <summary>The pause after a round before the next, so that a stream of small commits is copied back in rounds, not one by one.</summary>
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(50);

    private readonly string _connectionString;
    private int _running;
    private int _commitsSince;
    private long _rounds;
    private long _failures;

    public SqliteCheckpointer(string connectionString)
        => _connectionString = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite }.ConnectionString;

    /// <summary>Gets how many rounds have copied the log back.</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>Gets how many rounds failed.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Gets whether a round is running or about to.</summary>
    public bool IsRunning => Volatile.Read(ref _running) == 1;

    /// <summary>A commit was made: starts a round unless one is running (which then runs another for it).</summary>
    public void Committed()
    {
        Interlocked.Increment(ref _commitsSince);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            do
            {
                Volatile.Write(ref _commitsSince, 0);
                await using (var connection = new SqliteConnection(_connectionString))
                {
                    await connection.OpenAsync().ConfigureAwait(false);
                    await using var checkpoint = connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    await checkpoint.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                Interlocked.Increment(ref _rounds);
                await Task.Delay(Spacing).ConfigureAwait(false);
            }
            while (Volatile.Read(ref _commitsSince) > 0);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            Interlocked.Increment(ref _failures);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }

        // A commit that came after the last look but before the flag was cleared found a round running and started none.
        if (Volatile.Read(ref _commitsSince) > 0 && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(RunAsync);
        }
    }
}
