using System;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Grievance.Workflow.Sqlite;

/// <summary>SQLite: one writer at a time (transactions begin IMMEDIATE), so outbox positions are in commit order without a lock.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    private const string Schema1 = """
        CREATE TABLE grievances (
            id TEXT NOT NULL PRIMARY KEY,
            reference_number TEXT NOT NULL CONSTRAINT grievances_reference_number_key UNIQUE,
            channel TEXT NOT NULL, category TEXT NOT NULL, sub_category TEXT NULL,
            district TEXT NOT NULL, tehsil TEXT NULL, ward TEXT NULL,
            complainant_id TEXT NOT NULL, description TEXT NOT NULL,
            status INTEGER NOT NULL, outcome INTEGER NOT NULL, level INTEGER NOT NULL,
            department TEXT NULL, officer TEXT NULL, reopen_counts TEXT NOT NULL,
            transfer_count INTEGER NOT NULL, unreachable_attempts INTEGER NOT NULL,
            registered_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, due_at INTEGER NULL, feedback_due_at INTEGER NULL,
            timer_token INTEGER NOT NULL, is_overdue INTEGER NOT NULL, disposed_at INTEGER NULL, paused_at INTEGER NULL,
            extension_count INTEGER NOT NULL, closed_at INTEGER NULL, rejection_reason_code TEXT NULL, duplicate_of TEXT NULL,
            version INTEGER NOT NULL);
        CREATE INDEX grievances_officer_deadline ON grievances (status, is_overdue, due_at, id);
        CREATE INDEX grievances_feedback_deadline ON grievances (status, feedback_due_at, id);
        CREATE INDEX grievances_department_queue ON grievances (department, officer, status, due_at);
        CREATE TABLE history (
            grievance_id TEXT NOT NULL, sequence INTEGER NOT NULL, occurred_at INTEGER NOT NULL,
            actor_role INTEGER NOT NULL, actor_id TEXT NOT NULL, actor_department TEXT NULL, actor_level INTEGER NULL,
            action INTEGER NOT NULL, from_status INTEGER NOT NULL, to_status INTEGER NOT NULL, outcome INTEGER NOT NULL,
            from_level INTEGER NOT NULL, to_level INTEGER NOT NULL, department TEXT NULL, officer TEXT NULL,
            text TEXT NULL, reason_code TEXT NULL, rating INTEGER NULL,
            command_id TEXT NULL CONSTRAINT history_command_id_key UNIQUE,
            PRIMARY KEY (grievance_id, sequence));
        CREATE TABLE contacts (grievance_id TEXT NOT NULL PRIMARY KEY, name TEXT NULL, phone TEXT NULL, email TEXT NULL, address TEXT NULL);
        CREATE TABLE outbox (
            position INTEGER PRIMARY KEY AUTOINCREMENT,
            grievance_id TEXT NOT NULL, reference_number TEXT NOT NULL, sequence INTEGER NOT NULL, idx INTEGER NOT NULL,
            type INTEGER NOT NULL, occurred_at INTEGER NOT NULL, channel TEXT NOT NULL, status INTEGER NOT NULL,
            outcome INTEGER NOT NULL, level INTEGER NOT NULL, department TEXT NULL, officer TEXT NULL, due_at INTEGER NULL);
        CREATE TABLE outbox_checkpoints (handler TEXT NOT NULL PRIMARY KEY, position INTEGER NOT NULL);
        CREATE TABLE outbox_deliveries (handler TEXT NOT NULL, position INTEGER NOT NULL, attempts INTEGER NOT NULL, delivered_at INTEGER NOT NULL, PRIMARY KEY (handler, position));
        """;

    private readonly string _connectionString;
    private static readonly object PreparedMarker = new();
    private readonly ConditionalWeakTable<object, object> _preparedHandles = new();
    private int _walEnsured;
    private int _prepared;
    private int _closed;

    private readonly string _pragmas;

    public SqliteDialect(string connectionString, SqliteStoreOptions options)
    {
        _connectionString = connectionString;
        var synchronous = options.Synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL";
        _pragmas = $"PRAGMA busy_timeout = 30000; PRAGMA cache_size = -{options.CacheSizeKibibytes.ToString(System.Globalization.CultureInfo.InvariantCulture)}; PRAGMA synchronous = {synchronous};";
        var source = new SqliteConnectionStringBuilder(connectionString);
        var inFile = source.Mode != SqliteOpenMode.Memory && source.DataSource is { Length: > 0 } file && file != ":memory:";
        if (inFile)
        {
            // The log starts over once checkpointed; cut it back then, not only reuse it at the size it once grew to.
            _pragmas += $" PRAGMA journal_size_limit = {options.LogSizeLimitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)};";
        }

        if (options.CheckpointInBackground && inFile)
        {
            // The writers' own checkpoint only as a backstop: the log starts over only when a write begins after a round copied it
            // all, which a stream of large writes never waits for, so under them it grows to this many pages between the writers'
            // own checkpoints.
            _pragmas += $" PRAGMA wal_autocheckpoint = {options.LogPagesBeforeWriterCheckpoint.ToString(System.Globalization.CultureInfo.InvariantCulture)};";
            Checkpointer = new SqliteCheckpointer(connectionString);
        }
    }

    // Version 2: indexes for the work-queue queries (by status, by department and officer, oldest registration first).
    private const string Schema2 = """
        CREATE INDEX grievances_status_registered ON grievances (status, registered_at, id);
        CREATE INDEX grievances_department_registered ON grievances (department, officer, registered_at, id);
        """;

    // Version 3: internal notes, left out of what the complainant sees.
    private const string Schema3 = "ALTER TABLE history ADD COLUMN is_internal INTEGER NOT NULL DEFAULT 0;";

    public override string SecondaryIndexesQuery =>
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'grievances' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name";

    public override string[] Migrations { get; } = [Schema1, Schema2, Schema3, QueueAndStatisticsIndexes, CommandFingerprints, OfficerDueIndex, ClaimsAndLeases, DepartmentDueIndex, RollupSchema.Script("0"), RollupSchema.SpecialClosures, RollupSchema.Intake, RollupSchema.Appeals, DeferredIndexes, OfficerIndexes, NarrowerIndexes, OpenIndexes, DisposedIndex];

    public override string LockRows => string.Empty;

    // Microsoft.Data.Sqlite compiles a statement once per command object and keeps no cache of its own.
    public override bool ReusesCommands => true;

    public override bool WritesRollupsRowByRow => true;

    public override IBoundStatement? Compile(DbConnection connection, string sql) => new SqliteBoundStatement((SqliteConnection)connection, sql);

    /// <summary>SQLite's <c>INDEXED BY</c>: the query reads that index or fails to prepare, never another.</summary>
    public static string Hint(string index) => $" INDEXED BY {index}";

    public override string IndexHint(string index) => Hint(index);

    public override string MigrationLock => string.Empty;

    /// <summary>Gets the background checkpointer, or <see langword="null"/> when commits checkpoint as SQLite does by itself.</summary>
    internal SqliteCheckpointer? Checkpointer { get; }

    /// <summary>Starts a background checkpoint (<see cref="SqliteStoreOptions.CheckpointInBackground"/>).</summary>
    public override void Committed() => Checkpointer?.Committed();

    /// <summary>Gets how many physical connections this dialect has set its PRAGMAs on (a pooled connection is set once).</summary>
    internal int PhysicalConnectionsPrepared => Volatile.Read(ref _prepared);

    /// <summary>
    /// Closes the dialect for good: connections are opened no more, the background checkpoints stop (waiting for the running one)
    /// and the pooled connections close — the last to close copies the log into the file and removes it. Idempotent.
    /// </summary>
    /// <returns>A task that completes when closed.</returns>
    public async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        if (Checkpointer is { } checkpointer)
        {
            await checkpointer.DisposeAsync().ConfigureAwait(false);
        }

        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
    }

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) == 1, typeof(SqliteGrievanceStore));
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // PRAGMAs hold for the physical connection, which the pool hands out again and again: set them once per native handle.
        if (connection.Handle is not { } handle || _preparedHandles.TryGetValue(handle, out _))
        {
            return connection;
        }

        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = _pragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _walEnsured, 1) == 0)
            {
                // Write-ahead logging: readers never block the writer. Persistent in the file; set outside any transaction.
                pragma.CommandText = "PRAGMA journal_mode = WAL;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        _preparedHandles.AddOrUpdate(handle, PreparedMarker);
        Interlocked.Increment(ref _prepared);
        return connection;
    }

    // BEGIN IMMEDIATE: the write lock is taken up front (waiting up to the busy timeout), so two writers never deadlock upgrading a
    // read lock. Microsoft.Data.Sqlite runs SQLite synchronously; there is no asynchronous form to call.
    public override ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    public override bool IsUniqueViolation(DbException exception, out string what)
    {
        // SQLITE_CONSTRAINT (19); the message names the table and column: "UNIQUE constraint failed: grievances.reference_number".
        what = exception.Message;
        return exception is SqliteException { SqliteErrorCode: 19 } && (what.Contains("UNIQUE", System.StringComparison.Ordinal) || what.Contains("PRIMARY KEY", System.StringComparison.Ordinal));
    }
}
