using System;
using System.Collections.Generic;
using System.Data.Common;
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
using Npgsql;

namespace Grievance.Workflow.PostgreSql;

/// <summary>
/// The store for several app nodes sharing one PostgreSQL database: grievances, their history, contact details (in a table of
/// their own) and the outbox. Every command is one transaction covering the grievance row (checked against its version column), its
/// history row and its outbox rows. Several nodes may sweep due work at once: each command names the version it read, so exactly one
/// acts on each timer. The schema is created and upgraded on first use, under an advisory lock; running that again is harmless.
/// </summary>
/// <remarks>Thread-safe. Dispose it (the container does) to close its connection pool.</remarks>
public sealed class PostgreSqlGrievanceStore : IGrievanceStore, IGrievanceBatchStore, IGrievanceImportStore, IImportIndexStore, IDueWorkQuery, IDueGrievanceClaims, IOutboxStore, IOutboxLeases, IOutboxPruner, IGrievanceQuery, IGrievanceStatistics, IGrievanceFlowReports, IComplainantGrievanceQuery, IComplainantAnonymizer, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly SqlStore _store;
    private readonly PostgreSqlDialect _dialect;

    /// <summary>Creates the store.</summary>
    /// <param name="connectionString">
    /// An Npgsql connection string, for example <c>Host=db;Database=grievances;Username=app;Password=…</c>. Unless it sets
    /// <c>Max Auto Prepare</c> itself, the store turns Npgsql's automatic preparation on (64 statements per connection, prepared on
    /// their second use): its statements are few and run millions of times, so the server parses and plans each once per connection.
    /// Unless it sets <c>No Reset On Close</c> itself, the store also turns off Npgsql's reset of a connection returned to the pool:
    /// the store leaves no session state behind (its settings and locks are its transactions'), and the reset — seven statements the
    /// server parses and runs each time a connection is used after a return, about three for every two commands — is work for nothing.
    /// </param>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public PostgreSqlGrievanceStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Gives(connectionString, nameof(builder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = 64;
            if (!Gives(connectionString, nameof(builder.AutoPrepareMinUsages)))
            {
                builder.AutoPrepareMinUsages = 2;
            }
        }

        if (!Gives(connectionString, nameof(builder.NoResetOnClose)))
        {
            builder.NoResetOnClose = true;
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _ownsDataSource = true;
        _store = new SqlStore(_dialect = new PostgreSqlDialect(_dataSource));
    }

    /// <summary>
    /// Creates the store on a data source the caller owns and configures (Npgsql's <c>AddNpgsqlDataSource</c> registers one):
    /// its pool, logging, authentication and preparation settings apply, and disposing the store leaves it open. Its connection
    /// string should set <c>Max Auto Prepare</c> (the string overload sets 64): the store's statements are few and run millions of times.
    /// Where the data source serves the store alone, <c>No Reset On Close=true</c> (which the string overload sets) spares the server the
    /// reset of every connection returned to the pool: the store leaves no session state behind.
    /// </summary>
    /// <param name="dataSource">The data source.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    public PostgreSqlGrievanceStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _store = new SqlStore(_dialect = new PostgreSqlDialect(_dataSource));
    }

    /// <summary>Gets the statements the store made positional: for tests.</summary>
    internal PositionalParameters Positional => _dialect.PositionalParameters;

    /// <summary>Gets the data source the store reads and writes through, for tests of its settings.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Gets the groups the writes of concurrent writers go to the server in, for tests.</summary>
    internal WriteGroups Groups => _store.Groups;

    /// <summary>
    /// Whether a connection string gives a setting itself, under any of its spellings (<c>Max Auto Prepare</c>, <c>MaxAutoPrepare</c>).
    /// Npgsql's own builder cannot tell: its <c>ContainsKey</c> is true of every setting it knows, given or not.
    /// </summary>
    private static bool Gives(string connectionString, string setting)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in given.Keys)
        {
            if (string.Equals(key.Replace(" ", string.Empty, StringComparison.Ordinal), setting, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The query of a page of a work queue, for plan tests.</summary>
    internal static (string Sql, List<(string Name, object? Value)> Parameters) QueueQuery(GrievanceFilter filter, int limit, GrievancePageCursor? after)
        => SqlStore.QueueQuery(filter, limit, after, SqlDialect.NoIndexHint);

    /// <summary>The due-work query without a claim (<see cref="FindDueAsync"/>), for plan tests.</summary>
    internal static (string Sql, List<(string Name, object? Value)> Parameters) DueQuery(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after)
        => SqlStore.DueQuery(kind, dueBy, limit, after, SqlDialect.NoIndexHint);

    /// <summary>
    /// The query that reads due work to claim (what no other claimant holds, locked, skipping rows others lock), for plan tests;
    /// with <paramref name="whole"/>, the form that reads the grievances' whole rows (<see cref="ClaimDueGrievancesAsync"/>).
    /// </summary>
    internal static (string Sql, List<(string Name, object? Value)> Parameters) ClaimQuery(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, bool whole = false)
        => SqlStore.DueQuery(kind, dueBy, limit, after, SqlDialect.NoIndexHint, PostgreSqlDialect.SkipLocked, whole);

    /// <inheritdoc />
    /// <remarks>Closes the connection pool when the store made it from a connection string; a data source given to it stays open.</remarks>
    public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : default;

    /// <inheritdoc />
    /// <remarks>Closes the connection pool when the store made it from a connection string; a data source given to it stays open.</remarks>
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

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
    public ValueTask<IReadOnlyList<DueWorkItem>> ClaimDueAsync(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
        => _store.ClaimDueAsync(kind, dueBy, limit, after, claimant, claimedUntil, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The claim's one query reads the whole rows, so a sweep reads each page of grievances once.</remarks>
    public ValueTask<IReadOnlyList<GrievanceSnapshot>> ClaimDueGrievancesAsync(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, string claimant, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
        => _store.ClaimDueGrievancesAsync(kind, dueBy, limit, after, claimant, claimedUntil, cancellationToken);

    /// <inheritdoc />
    public ValueTask ReleaseAsync(IReadOnlyList<GrievanceId> grievances, string claimant, CancellationToken cancellationToken)
        => _store.ReleaseClaimsAsync(grievances, claimant, cancellationToken);

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
