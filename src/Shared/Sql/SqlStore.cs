using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Sweeping;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// The store logic every SQL adapter shares: one transaction per command covering the grievance row (checked against the expected
/// version), its history row and its outbox rows; parameterized SQL only; schema managed by a version table. Source shared by the
/// adapters, not a public API.
/// </summary>
internal sealed class SqlStore
{
    private readonly SqlDialect _dialect;
    private readonly object _migrationGate = new();
    private Task? _migration;

    public SqlStore(SqlDialect dialect) => _dialect = dialect;

    /// <summary>Creates or upgrades the schema once per store; a failed attempt is tried again on the next call.</summary>
    public ValueTask MigrateAsync(CancellationToken cancellationToken)
    {
        var migration = Volatile.Read(ref _migration);
        if (migration is { IsCompletedSuccessfully: true })
        {
            return default;
        }

        lock (_migrationGate)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = MigrateCoreAsync();
            }

            migration = _migration;
        }

        return new ValueTask(migration.WaitAsync(cancellationToken));
    }

    private async Task MigrateCoreAsync()
    {
        var cancellationToken = CancellationToken.None;
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        if (_dialect.MigrationLock.Length > 0)
        {
            await ExecuteAsync(connection, transaction, _dialect.MigrationLock, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS grievance_schema (version INTEGER NOT NULL)", cancellationToken).ConfigureAwait(false);
        var current = await ScalarAsync(connection, transaction, "SELECT MAX(version) FROM grievance_schema", cancellationToken).ConfigureAwait(false);
        var version = current is null or DBNull ? 0 : Convert.ToInt32(current, System.Globalization.CultureInfo.InvariantCulture);
        for (var next = version + 1; next <= _dialect.Migrations.Length; next++)
        {
            await ExecuteAsync(connection, transaction, _dialect.Migrations[next - 1], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"INSERT INTO grievance_schema (version) VALUES ({next})", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the schema version.</summary>
    public async ValueTask<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var value = await ScalarAsync(connection, null, "SELECT MAX(version) FROM grievance_schema", cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask<GrievanceSnapshot?> FindAsync(GrievanceId id, CancellationToken cancellationToken)
        => ReadOneAsync($"SELECT {SqlColumns.Grievance} FROM grievances WHERE id = @id", c => SqlColumns.Add(c, "id", SqlColumns.Id(id)), SqlColumns.ReadGrievance, cancellationToken);

    public ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken)
        => ReadOneAsync($"SELECT {SqlColumns.Grievance} FROM grievances WHERE reference_number = @reference", c => SqlColumns.Add(c, "reference", referenceNumber.Value), SqlColumns.ReadGrievance, cancellationToken);

    public ValueTask<HistoryEntry?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken)
        => ReadOneAsync($"SELECT {SqlColumns.History} FROM history WHERE command_id = @command", c => SqlColumns.Add(c, "command", commandId.Value), SqlColumns.ReadHistory, cancellationToken);

    public ValueTask<ContactDetails?> GetContactDetailsAsync(GrievanceId id, CancellationToken cancellationToken)
        => ReadOneAsync(
            "SELECT name, phone, email, address FROM contacts WHERE grievance_id = @id",
            c => SqlColumns.Add(c, "id", SqlColumns.Id(id)),
            r => new ContactDetails(SqlColumns.Text(r, 0), SqlColumns.Text(r, 1), SqlColumns.Text(r, 2), SqlColumns.Text(r, 3)),
            cancellationToken);

    public async ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken)
        => await ReadManyAsync($"SELECT {SqlColumns.History} FROM history WHERE grievance_id = @id ORDER BY sequence", c => SqlColumns.Add(c, "id", SqlColumns.Id(id)), SqlColumns.ReadHistory, cancellationToken).ConfigureAwait(false);

    public async ValueTask CreateAsync(GrievanceCreation creation, CancellationToken cancellationToken)
    {
        var grievance = creation.Grievance ?? throw new ArgumentException("The creation is the default value.", nameof(creation));
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteAsync(connection, transaction, $"INSERT INTO grievances ({SqlColumns.Grievance}) VALUES ({SqlColumns.Parameters(SqlColumns.Grievance)})", c => SqlColumns.AddGrievance(c, grievance), cancellationToken).ConfigureAwait(false);
            await InsertHistoryAsync(connection, transaction, creation.Entry, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (_dialect.IsUniqueViolation(ex, out var what))
        {
            var (kind, value) = what.Contains("reference", StringComparison.OrdinalIgnoreCase) ? (DuplicateKind.ReferenceNumber, grievance.ReferenceNumber.Value)
                : what.Contains("command", StringComparison.OrdinalIgnoreCase) ? (DuplicateKind.CommandId, creation.Entry.CommandId?.Value ?? string.Empty)
                : (DuplicateKind.GrievanceId, grievance.Id.ToString());
            throw new DuplicateGrievanceException(grievance.Id, kind, value);
        }

        if (creation.Contact is { } contact)
        {
            await WriteAsync(connection, transaction, "INSERT INTO contacts (grievance_id, name, phone, email, address) VALUES (@id, @name, @phone, @email, @address)", c =>
            {
                SqlColumns.Add(c, "id", SqlColumns.Id(grievance.Id));
                SqlColumns.Add(c, "name", contact.Name);
                SqlColumns.Add(c, "phone", contact.Phone);
                SqlColumns.Add(c, "email", contact.Email);
                SqlColumns.Add(c, "address", contact.Address);
            }, cancellationToken).ConfigureAwait(false);
        }

        await AppendOutboxAsync(connection, transaction, creation.Events, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken)
    {
        var grievance = change.Grievance ?? throw new ArgumentException("The change is the default value.", nameof(change));
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var updated = await WriteAsync(connection, transaction, $"UPDATE grievances SET {SqlColumns.Assignments(SqlColumns.Grievance)} WHERE id = @id AND version = @expected_version", c =>
        {
            SqlColumns.AddGrievance(c, grievance);
            SqlColumns.Add(c, "expected_version", change.ExpectedVersion);
        }, cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            var stored = await ScalarAsync(connection, transaction, "SELECT version FROM grievances WHERE id = @id", cancellationToken, c => SqlColumns.Add(c, "id", SqlColumns.Id(grievance.Id))).ConfigureAwait(false);
            throw stored is null or DBNull
                ? new GrievanceNotFoundException(grievance.Id)
                : new GrievanceConcurrencyException(grievance.Id, change.ExpectedVersion, Convert.ToInt64(stored, System.Globalization.CultureInfo.InvariantCulture));
        }

        try
        {
            await InsertHistoryAsync(connection, transaction, change.Entry, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (_dialect.IsUniqueViolation(ex, out _) && change.Entry.CommandId is { } commandId)
        {
            // Nothing more is read here: a second pooled connection opened while this one is held can exhaust a small pool. The
            // engine reads the first use afterwards and tells a replay from a conflict.
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            throw new CommandIdConflictException(commandId, grievance.Id, change.Entry.Action, CommandIdDifferences.Unknown);
        }

        await AppendOutboxAsync(connection, transaction, change.Events, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<DueWorkItem>> FindDueAsync(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (column, filter) = kind switch
        {
            DueWorkKind.OfficerDeadline => ("due_at", $"status = {(int)GrievanceStatus.PendingWithOfficer} AND is_overdue = @not_overdue"),
            DueWorkKind.FeedbackWindow => ("feedback_due_at", $"status = {(int)GrievanceStatus.AwaitingFeedback}"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown due-work kind."),
        };
        var keyset = after is null ? string.Empty : $" AND ({column} > @after_due OR ({column} = @after_due AND id > @after_id))";
        return await ReadManyAsync(
            $"SELECT id, {column}, timer_token, version FROM grievances WHERE {filter} AND {column} <= @due_by{keyset} ORDER BY {column}, id LIMIT @limit",
            c =>
            {
                SqlColumns.Add(c, "due_by", dueBy.UtcTicks);
                SqlColumns.Add(c, "limit", limit);
                if (kind == DueWorkKind.OfficerDeadline)
                {
                    SqlColumns.Add(c, "not_overdue", false);
                }

                if (after is { } cursor)
                {
                    SqlColumns.Add(c, "after_due", cursor.DueAt.UtcTicks);
                    SqlColumns.Add(c, "after_id", SqlColumns.Id(cursor.GrievanceId));
                }
            },
            r => new DueWorkItem(new GrievanceId(Guid.ParseExact(r.GetString(0), "N")), SqlColumns.Time(r, 1)!.Value, r.GetInt64(2), r.GetInt64(3)),
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<GrievanceSnapshot>> FindGrievancesAsync(GrievanceFilter filter, int limit, GrievancePageCursor? after, CancellationToken cancellationToken)
    {
        var (sql, parameters) = QueueQuery(filter, limit, after);
        return await ReadManyAsync(
            sql,
            c =>
            {
                foreach (var (name, value) in parameters)
                {
                    SqlColumns.Add(c, name, value);
                }
            },
            SqlColumns.ReadGrievance,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The work-queue query for a filter, order and cursor: its SQL and parameters (apart, so tests can read its plan).</summary>
    internal static (string Sql, List<(string Name, object? Value)> Parameters) QueueQuery(GrievanceFilter filter, int limit, GrievancePageCursor? after)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (after is { } given && given.Order != filter.Order)
        {
            throw new ArgumentException($"The cursor was read in {given.Order} order; the filter asks for {filter.Order}.", nameof(after));
        }

        var key = filter.Order switch
        {
            GrievanceOrder.RegistrationTime => "registered_at",
            GrievanceOrder.DueTime => "due_at",
            GrievanceOrder.DisposalTime => "disposed_at",
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Order, "Unknown grievance order."),
        };
        var conditions = new List<string>();
        var parameters = new List<(string Name, object? Value)>();
        void Match(bool present, string condition, string name, object? value)
        {
            if (present)
            {
                conditions.Add(condition);
                parameters.Add((name, value));
            }
        }

        Match(filter.Status is not null, "status = @status", "status", (int?)filter.Status);
        Match(filter.Department is not null, "department = @department", "department", filter.Department?.Value);
        Match(filter.Officer is not null, "officer = @officer", "officer", filter.Officer?.Value);
        Match(filter.Level is not null, "level = @level", "level", filter.Level);
        Match(filter.Channel is not null, "channel = @channel", "channel", filter.Channel?.Code);
        Match(filter.Category is not null, "category = @category", "category", filter.Category);
        Match(filter.District is not null, "district = @district", "district", filter.District);
        Match(filter.RegisteredFrom is not null, "registered_at >= @registered_from", "registered_from", filter.RegisteredFrom?.UtcTicks);
        Match(filter.RegisteredBefore is not null, "registered_at < @registered_before", "registered_before", filter.RegisteredBefore?.UtcTicks);
        Match(filter.DueBefore is not null, "due_at < @due_before", "due_before", filter.DueBefore?.UtcTicks);
        if (filter.Order != GrievanceOrder.RegistrationTime)
        {
            conditions.Add($"{key} IS NOT NULL");
        }

        if (after is { } cursor)
        {
            conditions.Add($"({key} > @after_key OR ({key} = @after_key AND id > @after_id))");
            parameters.Add(("after_key", cursor.Position.UtcTicks));
            parameters.Add(("after_id", SqlColumns.Id(cursor.Id)));
        }

        parameters.Add(("limit", limit));
        var where = conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);
        return ($"SELECT {SqlColumns.Grievance} FROM grievances{where} ORDER BY {key}, id LIMIT @limit", parameters);
    }

    public async ValueTask<IReadOnlyList<GrievanceScorecard>> GetScorecardsAsync(ScorecardQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = query.Dimension switch
        {
            ScorecardDimension.Department => "COALESCE(g.department, '')",
            ScorecardDimension.District => "g.district",
            ScorecardDimension.Officer => "COALESCE(g.officer, '')",
            ScorecardDimension.Channel => "g.channel",
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Dimension, "Unknown scorecard dimension."),
        };
        void Bind(DbCommand c)
        {
            SqlColumns.Add(c, "from", query.From.UtcTicks);
            SqlColumns.Add(c, "to", query.To.UtcTicks);
            SqlColumns.Add(c, "as_of", query.AsOf.UtcTicks);
        }

        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (k, median) in await ReadManyAsync(ScorecardSql.Median(key), Bind, r => (r.GetString(0), (SqlColumns.Long(r, 1) + SqlColumns.Long(r, 2)) / 2.0), cancellationToken).ConfigureAwait(false))
        {
            medians.Add(k, median);
        }

        var scorecards = await ReadManyAsync(ScorecardSql.Totals(key), Bind, r => ScorecardSql.Read(r, medians), cancellationToken).ConfigureAwait(false);
        scorecards.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return scorecards;
    }

    public async ValueTask<int> AnonymizeClosedBeforeAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT id FROM grievances WHERE closed_at < @closed_before AND complainant_id <> @anonymized ORDER BY closed_at, id LIMIT @limit{_dialect.LockRows}";
            SqlColumns.Add(select, "closed_before", closedBefore.UtcTicks);
            SqlColumns.Add(select, "anonymized", Complainant.AnonymizedId);
            SqlColumns.Add(select, "limit", limit);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        foreach (var id in ids)
        {
            await WriteAsync(connection, transaction, "DELETE FROM contacts WHERE grievance_id = @id", c => SqlColumns.Add(c, "id", id), cancellationToken).ConfigureAwait(false);
            await WriteAsync(connection, transaction, "UPDATE grievances SET complainant_id = @anonymized WHERE id = @id", c =>
            {
                SqlColumns.Add(c, "id", id);
                SqlColumns.Add(c, "anonymized", Complainant.AnonymizedId);
            }, cancellationToken).ConfigureAwait(false);

            // The complainant's own entries name them as actor: anonymized in the same write.
            await WriteAsync(connection, transaction, "UPDATE history SET actor_id = @anonymized WHERE grievance_id = @id AND actor_role = @complainant", c =>
            {
                SqlColumns.Add(c, "id", id);
                SqlColumns.Add(c, "anonymized", Complainant.AnonymizedId);
                SqlColumns.Add(c, "complainant", (int)ActorRole.Complainant);
            }, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }

    public async ValueTask<int> PruneOutboxAsync(long upToPosition, DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);

        // The oldest events in position order, up to the first that must stay: a prefix, deleted by key ranges.
        var last = 0L;
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT position, occurred_at FROM outbox WHERE position <= @up_to ORDER BY position LIMIT @limit";
            SqlColumns.Add(select, "up_to", upToPosition);
            SqlColumns.Add(select, "limit", limit);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(1) < recordedBefore.UtcTicks)
            {
                last = reader.GetInt64(0);
            }
        }

        if (last == 0)
        {
            return 0;
        }

        // Deliveries are keyed by (handler, position): one key range per handler, and every handler has a checkpoint row.
        await WriteAsync(connection, transaction, "DELETE FROM outbox_deliveries WHERE handler IN (SELECT handler FROM outbox_checkpoints) AND position <= @last", c => SqlColumns.Add(c, "last", last), cancellationToken).ConfigureAwait(false);
        var pruned = await WriteAsync(connection, transaction, "DELETE FROM outbox WHERE position <= @last", c => SqlColumns.Add(c, "last", last), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return pruned;
    }

    public async ValueTask<IReadOnlyList<OutboxCheckpoint>> GetCheckpointsAsync(CancellationToken cancellationToken)
    {
        var checkpoints = await ReadManyAsync(
            "SELECT handler, position FROM outbox_checkpoints",
            static _ => { },
            static reader => new OutboxCheckpoint(reader.GetString(0), reader.GetInt64(1)),
            cancellationToken).ConfigureAwait(false);
        checkpoints.Sort(static (a, b) => string.CompareOrdinal(a.Handler, b.Handler)); // the database's collation need not be ordinal
        return checkpoints;
    }

    public async ValueTask<bool> ForgetHandlerAsync(string handler, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await WriteAsync(connection, transaction, "DELETE FROM outbox_deliveries WHERE handler = @handler", c => SqlColumns.Add(c, "handler", handler), cancellationToken).ConfigureAwait(false);
        var forgotten = await WriteAsync(connection, transaction, "DELETE FROM outbox_checkpoints WHERE handler = @handler", c => SqlColumns.Add(c, "handler", handler), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return forgotten > 0;
    }

    public async ValueTask<IReadOnlyList<OutboxMessage>> ReadOutboxAsync(long afterPosition, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await ReadManyAsync(
            $"SELECT position, {SqlColumns.Event} FROM outbox WHERE position > @after ORDER BY position LIMIT @limit",
            c =>
            {
                SqlColumns.Add(c, "after", afterPosition);
                SqlColumns.Add(c, "limit", limit);
            },
            SqlColumns.ReadOutbox,
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> GetCheckpointAsync(string handler, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var value = await ScalarAsync(connection, null, "SELECT position FROM outbox_checkpoints WHERE handler = @handler", cancellationToken, c => SqlColumns.Add(c, "handler", handler)).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask RecordDeliveriesAsync(string handler, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        ArgumentNullException.ThrowIfNull(deliveries);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var current = await ScalarAsync(connection, transaction, "SELECT position FROM outbox_checkpoints WHERE handler = @handler", cancellationToken, c => SqlColumns.Add(c, "handler", handler)).ConfigureAwait(false);
        var last = await ScalarAsync(connection, transaction, "SELECT MAX(position) FROM outbox", cancellationToken).ConfigureAwait(false);
        OutboxDeliveries.Validate(
            handler,
            deliveries,
            current is null or DBNull ? 0 : Convert.ToInt64(current, System.Globalization.CultureInfo.InvariantCulture),
            last is null or DBNull ? 0 : Convert.ToInt64(last, System.Globalization.CultureInfo.InvariantCulture));

        await WriteAsync(connection, transaction, "INSERT INTO outbox_checkpoints (handler, position) VALUES (@handler, @position) ON CONFLICT (handler) DO UPDATE SET position = @position", c =>
        {
            SqlColumns.Add(c, "handler", handler);
            SqlColumns.Add(c, "position", deliveries[^1].Position);
        }, cancellationToken).ConfigureAwait(false);

        // One prepared insert, rebound per delivery.
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO outbox_deliveries (handler, position, attempts, delivered_at) VALUES (@handler, @position, @attempts, @delivered_at)";
        SqlColumns.Add(insert, "handler", handler);
        var position = SqlColumns.Add(insert, "position", 0L);
        var attempts = SqlColumns.Add(insert, "attempts", 0);
        var deliveredAt = SqlColumns.Add(insert, "delivered_at", 0L);
        foreach (var delivery in deliveries)
        {
            (position.Value, attempts.Value, deliveredAt.Value) = (delivery.Position, delivery.Attempts, delivery.DeliveredAt.UtcTicks);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask AppendOutboxAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<GrievanceEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        if (_dialect.OutboxLock.Length > 0)
        {
            await ExecuteAsync(connection, transaction, _dialect.OutboxLock, cancellationToken).ConfigureAwait(false);
        }

        foreach (var e in events)
        {
            await WriteAsync(connection, transaction, $"INSERT INTO outbox ({SqlColumns.Event}) VALUES ({SqlColumns.Parameters(SqlColumns.Event)})", c => SqlColumns.AddEvent(c, e, string.Empty), cancellationToken).ConfigureAwait(false);
        }
    }

    private static ValueTask<int> InsertHistoryAsync(DbConnection connection, DbTransaction transaction, HistoryEntry entry, CancellationToken cancellationToken)
        => WriteAsync(connection, transaction, $"INSERT INTO history ({SqlColumns.History}) VALUES ({SqlColumns.Parameters(SqlColumns.History)})", c => SqlColumns.AddHistory(c, entry), cancellationToken);

    private async ValueTask<T?> ReadOneAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await ReadManyAsync(sql, bind, read, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private async ValueTask<List<T>> ReadManyAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async ValueTask<int> WriteAsync(DbConnection connection, DbTransaction transaction, string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static ValueTask<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
        => WriteAsync(connection, transaction, sql, static _ => { }, cancellationToken);

    private static async ValueTask<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, Action<DbCommand>? bind = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind?.Invoke(command);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
