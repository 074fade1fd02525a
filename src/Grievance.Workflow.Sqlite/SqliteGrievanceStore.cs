using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Import;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Storage.Sql;
using Grievance.Workflow.Sweeping;

namespace Grievance.Workflow.Sqlite;

/// <summary>
/// The embedded store: one SQLite file (WAL mode) holding grievances, their history, contact details (in a table of their own)
/// and the outbox. Every command is one transaction covering the grievance row (checked against the expected version), its history
/// row and its outbox rows. The schema is created and upgraded on first use; running that again is harmless.
/// </summary>
/// <remarks>
/// Thread-safe; any number of processes on one machine may share the file (SQLite serializes writers, waiting up to 30 s for the
/// write lock). For several machines, use the PostgreSQL store. Dispose it (the container does) before copying, moving or deleting
/// the file: disposal stops its background work and closes its connections, which leaves the whole database in the file itself.
/// </remarks>
public sealed class SqliteGrievanceStore : IGrievanceStore, IGrievanceBatchStore, IGrievanceImportStore, IImportIndexStore, IDueWorkQuery, IOutboxStore, IOutboxLeases, IOutboxPruner, IGrievanceQuery, IGrievanceStatistics, IGrievanceFlowReports, IComplainantGrievanceQuery, IComplainantAnonymizer, IAsyncDisposable, IDisposable
{
    private readonly SqlStore _store;
    private readonly SqliteDialect _dialect;

    /// <summary>Creates the store.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, for example <c>Data Source=grievances.db</c>.</param>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public SqliteGrievanceStore(string connectionString)
        : this(connectionString, new SqliteStoreOptions())
    {
    }

    /// <summary>Creates the store with options.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, for example <c>Data Source=grievances.db</c>.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public SqliteGrievanceStore(string connectionString, SqliteStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        ConnectionString = connectionString;
        _dialect = new SqliteDialect(connectionString, options);
        Checkpointer = _dialect.Checkpointer;
        _store = new SqlStore(_dialect);
    }

    /// <summary>
    /// Closes the store: stops its background checkpoints, waiting for the one running, and closes the connections it pooled — the
    /// last connection to the file to close copies the write-ahead log into it and removes the log, so that the file alone then
    /// holds every commit. Calls made after this throw <see cref="ObjectDisposedException"/>; calls running finish first. Calling
    /// it again does nothing. A database in memory goes with its last connection.
    /// </summary>
    /// <returns>A task that completes when the store is closed.</returns>
    public ValueTask DisposeAsync() => _dialect.CloseAsync();

    /// <summary>Closes the store, as <see cref="DisposeAsync"/> does, blocking until it is closed.</summary>
    public void Dispose() => _dialect.CloseAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Gets the background checkpointer (<see cref="SqliteStoreOptions.CheckpointInBackground"/>), for tests, or <see langword="null"/>.</summary>
    internal SqliteCheckpointer? Checkpointer { get; }

    /// <summary>The work-queue query's SQL and parameters, for tests that read its plan.</summary>
    internal static (string Sql, List<(string Name, object? Value)> Parameters) QueueQuery(GrievanceFilter filter, int limit, GrievancePageCursor? after)
        => SqlStore.QueueQuery(filter, limit, after, SqliteDialect.Hint);

    /// <summary>The due-work query's SQL and parameters, for plan tests.</summary>
    internal static (string Sql, List<(string Name, object? Value)> Parameters) DueQuery(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after)
        => SqlStore.DueQuery(kind, dueBy, limit, after, SqliteDialect.Hint);

    /// <summary>The statistics queries' SQL by name (department as the key), for plan tests; every one binds its parameters by name.</summary>
    internal static IReadOnlyDictionary<string, string> StatisticsQueries => SqlStore.StatisticsQueries(ScorecardDimension.Department, SqliteDialect.Hint);

    /// <summary>The retention job's query of closed grievances still holding a complainant's details, for plan tests.</summary>
    internal static string RetentionQuery => SqlStore.RetentionQuery;

    /// <summary>The query of a complainant's grievances, for plan tests.</summary>
    internal static string ComplainantQuery => SqlStore.ByComplainant;

    /// <summary>Gets the connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates or upgrades the schema now, rather than on first use.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema version after the migration.</returns>
    public ValueTask<int> MigrateAsync(CancellationToken cancellationToken = default) => _store.GetSchemaVersionAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<GrievanceSnapshot?> FindAsync(GrievanceId id, CancellationToken cancellationToken) => _store.FindAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken) => _store.FindByReferenceAsync(referenceNumber, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken) => _store.GetHistoryAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<HistoryEntry?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken) => _store.FindByCommandIdAsync(commandId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ContactDetails?> GetContactDetailsAsync(GrievanceId id, CancellationToken cancellationToken) => _store.GetContactDetailsAsync(id, cancellationToken);

    /// <summary>Gets the groups the writes of concurrent writers go to the file in, for tests.</summary>
    internal WriteGroups Groups => _store.Groups;

    /// <inheritdoc />
    public ValueTask CreateAsync(GrievanceCreation creation, CancellationToken cancellationToken) => _store.CreateAsync(creation, cancellationToken);

    /// <inheritdoc />
    public ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken) => _store.SaveAsync(change, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DueWorkItem>> FindDueAsync(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, CancellationToken cancellationToken)
        => _store.FindDueAsync(kind, dueBy, limit, after, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GrievanceSnapshot>> FindAsync(GrievanceFilter filter, int limit, GrievancePageCursor? after, CancellationToken cancellationToken)
        => _store.FindGrievancesAsync(filter, limit, after, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GrievanceScorecard>> GetScorecardsAsync(ScorecardQuery query, CancellationToken cancellationToken) => _store.GetScorecardsAsync(query, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GrievanceFlow>> GetFlowsAsync(FlowQuery query, CancellationToken cancellationToken) => _store.GetFlowsAsync(query, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GrievanceSnapshot>> FindByComplainantAsync(string complainantId, DateTimeOffset registeredFrom, int limit, CancellationToken cancellationToken)
        => _store.FindByComplainantAsync(complainantId, registeredFrom, limit, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> AnonymizeClosedBeforeAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken)
        => _store.AnonymizeClosedBeforeAsync(closedBefore, limit, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> PruneAsync(long upToPosition, DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken)
        => _store.PruneOutboxAsync(upToPosition, recordedBefore, limit, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxCheckpoint>> GetCheckpointsAsync(CancellationToken cancellationToken) => _store.GetCheckpointsAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> ForgetHandlerAsync(string handler, CancellationToken cancellationToken) => _store.ForgetHandlerAsync(handler, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxMessage>> ReadAsync(long afterPosition, int limit, CancellationToken cancellationToken) => _store.ReadOutboxAsync(afterPosition, limit, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> GetCheckpointAsync(string handler, CancellationToken cancellationToken) => _store.GetCheckpointAsync(handler, cancellationToken);

    /// <inheritdoc />
    public ValueTask RecordDeliveriesAsync(string handler, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
        => _store.RecordDeliveriesAsync(handler, deliveries, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GrievanceSnapshot>> FindManyAsync(IReadOnlyList<GrievanceId> ids, CancellationToken cancellationToken) => _store.FindManyAsync(ids, cancellationToken);

    /// <inheritdoc />
    /// <remarks>One transaction; changes with a command id each take a savepoint, so a taken id rolls back only its own change.</remarks>
    public ValueTask<IReadOnlyList<GrievanceWorkflowException?>> SaveManyAsync(IReadOnlyList<GrievanceChange> changes, CancellationToken cancellationToken)
        => _store.SaveManyAsync(changes, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> TryAcquireLeaseAsync(string handler, string holder, DateTimeOffset now, DateTimeOffset heldUntil, CancellationToken cancellationToken)
        => _store.TryAcquireLeaseAsync(handler, holder, now, heldUntil, cancellationToken);

    /// <inheritdoc />
    public ValueTask ReleaseLeaseAsync(string handler, string holder, CancellationToken cancellationToken) => _store.ReleaseLeaseAsync(handler, holder, cancellationToken);

    /// <inheritdoc />
    /// <remarks>One transaction per batch: one query finds what is in already, then each table's rows go in by the bulk path.</remarks>
    public ValueTask<IReadOnlyList<bool>> ImportAsync(IReadOnlyList<ImportedGrievance> grievances, CancellationToken cancellationToken) => _store.ImportAsync(grievances, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> SuspendIndexesAsync(CancellationToken cancellationToken) => _store.SuspendIndexesAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> RebuildIndexesAsync(CancellationToken cancellationToken) => _store.RebuildIndexesAsync(cancellationToken);
}
