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
/// <see cref="DisposeAsync"/> ends the rounds for good and waits for the one running.
/// </summary>
/// <remarks>Thread-safe. Holds no connection between rounds (its own are not pooled); opens the file read-write without creating
/// it, so a round after the file was deleted fails instead of leaving an empty database behind.</remarks>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>The pause after a round before the next, so that a stream of small commits is copied back in rounds, not one by one.</summary>
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(50);

    private readonly string _connectionString;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _round = Task.CompletedTask; // guarded by _gate, as are the three below
    private bool _running;
    private bool _committedSince;
    private bool _stopped;
    private long _rounds;
    private long _failures;

    public SqliteCheckpointer(string connectionString)
        => _connectionString = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString;

    /// <summary>Gets how many rounds have copied the log back.</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>Gets how many rounds failed.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Gets whether a round is running or about to.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>A commit was made: starts a round unless one is running (which then runs another for it) or the rounds were stopped.</summary>
    public void Committed()
    {
        lock (_gate)
        {
            _committedSince = true;
            if (_running || _stopped)
            {
                return;
            }

            _running = true;
            _round = Task.Run(RunAsync);
        }
    }

    /// <summary>Stops the rounds for good: none starts after this is called, and the returned task completes once the running one (if any) has ended. Idempotent.</summary>
    /// <returns>A task that completes when no round runs.</returns>
    public async ValueTask DisposeAsync()
    {
        Task round;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            round = _round;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await round.ConfigureAwait(false); // never faults: RunAsync catches what a round can throw
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (TakeCommits())
            {
                await using (var connection = new SqliteConnection(_connectionString))
                {
                    await connection.OpenAsync().ConfigureAwait(false);
                    await using var checkpoint = connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    await checkpoint.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                Interlocked.Increment(ref _rounds);
                await Task.Delay(Spacing, _stopping.Token).ConfigureAwait(false);
            }

            return; // TakeCommits ended the run
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped during the pause between rounds.
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            Interlocked.Increment(ref _failures);
        }

        lock (_gate)
        {
            _running = false;
        }
    }

    /// <summary>Whether another round is due (commits came since the last one was taken, and the rounds were not stopped); ends the run if not, in one step with the commits' check.</summary>
    private bool TakeCommits()
    {
        lock (_gate)
        {
            if (_stopped || !_committedSince)
            {
                _running = false;
                return false;
            }

            _committedSince = false;
            return true;
        }
    }
}
