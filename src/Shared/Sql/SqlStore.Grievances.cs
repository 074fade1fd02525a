using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage.Sql;

// Grievances: reads by id, reference and command id, and the atomic create and save of a command.
internal sealed partial class SqlStore
{
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

    /// <summary>
    /// Inserts the grievance with its history row, contact details and outbox rows, and counts it in the rollups, in one
    /// transaction, together with the writes of other writers that wait meanwhile (<see cref="WriteGroups"/>): where a batch is
    /// its own transaction (PostgreSQL), all of it and the commit in one round trip.
    /// </summary>
    public async ValueTask CreateAsync(GrievanceCreation creation, CancellationToken cancellationToken)
    {
        _ = creation.Grievance ?? throw new ArgumentException("The creation is the default value.", nameof(creation));
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await _groups.WriteAsync(new GroupedWrite(creation), _sendGroup, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a registration in a transaction of its own, and throws its refusal (<see cref="DuplicateGrievanceException"/>).</summary>
    private async ValueTask CreateAloneAsync(GrievanceCreation creation, CancellationToken cancellationToken)
    {
        var grievance = creation.Grievance;
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var rollups = new ScorecardRollups(_shards); // disposed after the transaction ends: gives its shard back
        await using var transaction = SqlStatements.CanOwnTransaction(connection, _dialect) ? null : await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var statements = transaction is null ? SqlStatements.OwnTransaction(connection, _dialect) : new SqlStatements(connection, transaction, _dialect, defer: true);
        try
        {
            // Where the statements defer, a taken key surfaces when they are sent; elsewhere, at its own statement.
            await DeferCreationAsync(statements, creation, rollups, cancellationToken).ConfigureAwait(false);
            await rollups.WriteAsync(statements, _dialect, cancellationToken).ConfigureAwait(false);
            await statements.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (_dialect.IsUniqueViolation(ex, out var what))
        {
            var (kind, value) = what.Contains("reference", StringComparison.OrdinalIgnoreCase) ? (DuplicateKind.ReferenceNumber, grievance.ReferenceNumber.Value)
                : what.Contains("command", StringComparison.OrdinalIgnoreCase) ? (DuplicateKind.CommandId, creation.Entry.CommandId?.Value ?? string.Empty)
                : (DuplicateKind.GrievanceId, grievance.Id.ToString());
            throw new DuplicateGrievanceException(grievance.Id, kind, value);
        }

        await CommitAsync(statements, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The writes of a registration — its row, history row, contact details and outbox rows — and its count in the rollups.</summary>
    private static async ValueTask DeferCreationAsync(SqlStatements statements, GrievanceCreation creation, ScorecardRollups rollups, CancellationToken cancellationToken)
    {
        var grievance = creation.Grievance;
        rollups.Add(grievance, 1);
        await statements.DeferAsync(InsertGrievance, SqlColumns.GrievanceColumns, SqlColumns.Values(grievance), cancellationToken).ConfigureAwait(false);
        await statements.DeferAsync(InsertHistory, SqlColumns.HistoryColumns, SqlColumns.Values(creation.Entry), cancellationToken).ConfigureAwait(false);
        if (creation.Contact is { } contact)
        {
            await statements.DeferAsync(InsertContact, SqlColumns.ContactColumns, SqlColumns.Values(grievance.Id, contact), cancellationToken).ConfigureAwait(false);
        }

        foreach (var e in creation.Events)
        {
            await statements.DeferAsync(InsertEvent, SqlColumns.EventColumns, SqlColumns.Values(e), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the change in one transaction: the grievance row at its expected version, its history and outbox rows, and the
    /// rollups. A change that carries what it changes goes with the writes of other writers that wait meanwhile
    /// (<see cref="WriteGroups"/>); where a batch is its own transaction (PostgreSQL), all of it and the commit go in one round trip,
    /// and a refused change writes nothing.
    /// </summary>
    public async ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken)
    {
        _ = change.Grievance ?? throw new ArgumentException("The change is the default value.", nameof(change));
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (change.Previous is not null)
        {
            await _groups.WriteAsync(new GroupedWrite(change), _sendGroup, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SaveAloneAsync(change, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a change in a transaction of its own, and throws its refusal.</summary>
    private async ValueTask SaveAloneAsync(GrievanceChange change, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var rollups = new ScorecardRollups(_shards); // disposed after the transaction ends: gives its shard back

        // On a taken command id nothing more is read here: a second pooled connection opened while this one is held can exhaust a
        // small pool. The engine reads the first use afterwards and tells a replay from a conflict.
        if (change.Previous is not null && SqlStatements.CanOwnTransaction(connection, _dialect))
        {
            await using var batch = SqlStatements.OwnTransaction(connection, _dialect);
            await SaveInOneTransactionBatchAsync(batch, change, rollups, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var statements = new SqlStatements(connection, transaction, _dialect, defer: true);
        if (await SaveOneAsync(statements, change, rollups, savepoint: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            throw refused;
        }
        else
        {
            await rollups.WriteAsync(statements, _dialect, cancellationToken).ConfigureAwait(false);
        }

        await CommitAsync(statements, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a change that carries the snapshot it changes, with its rollups, in one batch that is its own transaction: the
    /// conditional update first, made to fail when it finds the grievance at another version or not at all (the grievance row is
    /// locked before the rollup rows, as in every write), then the history, outbox and rollup rows. A refused change stops the
    /// batch at its update, and the server rolls all of it back. Throws the refusal.
    /// </summary>
    private async ValueTask SaveInOneTransactionBatchAsync(SqlStatements batch, GrievanceChange change, ScorecardRollups rollups, CancellationToken cancellationToken)
    {
        var (grievance, commandId) = (change.Grievance, change.Entry.CommandId);
        await DeferChangeAsync(batch, change, rollups, cancellationToken).ConfigureAwait(false);
        await rollups.WriteAsync(batch, _dialect, cancellationToken).ConfigureAwait(false);
        try
        {
            await CommitAsync(batch, cancellationToken).ConfigureAwait(false); // the batch is sent, and is its commit
            return;
        }
        catch (DbException ex) when (commandId is { } taken && _dialect.IsUniqueViolation(ex, out var what) && what.Contains("command", StringComparison.OrdinalIgnoreCase))
        {
            // The update ran before the history row: the grievance was at the expected version, and the command id is another entry's.
            throw new CommandIdConflictException(taken, grievance.Id, change.Entry.Action, CommandIdDifferences.Unknown);
        }
        catch (DbException ex) when (_dialect.IsUnchanged(ex))
        {
        }

        // Nothing was written: the stored version, read on the same connection now idle, tells stale from missing.
        throw Refusal(change, await ScalarAsync(batch.Connection, null, StoredVersion, cancellationToken, c => SqlColumns.Add(c, "id", SqlColumns.Id(grievance.Id))).ConfigureAwait(false));
    }

    /// <summary>
    /// The writes of a change that carries the snapshot it changes, for a batch that is its own transaction — the update that fails
    /// unless the grievance is at the expected version, then its history and outbox rows — and its deltas to the rollups.
    /// </summary>
    private async ValueTask DeferChangeAsync(SqlStatements batch, GrievanceChange change, ScorecardRollups rollups, CancellationToken cancellationToken)
    {
        var (columns, values) = SqlColumns.Changed(change.Previous, change.Grievance);
        var (names, bound) = SqlColumns.UpdateParameters(values, columns, change.ExpectedVersion);
        await batch.DeferAsync(UpdateOrFail(columns), names, bound, cancellationToken).ConfigureAwait(false);
        await batch.DeferAsync(InsertHistory, SqlColumns.HistoryColumns, SqlColumns.Values(change.Entry), cancellationToken).ConfigureAwait(false);
        foreach (var e in change.Events)
        {
            await batch.DeferAsync(InsertEvent, SqlColumns.EventColumns, SqlColumns.Values(e), cancellationToken).ConfigureAwait(false);
        }

        rollups.Add(change.Previous!, change.Grievance);
    }

    /// <summary>
    /// The update of <paramref name="columns"/> that fails when it changes nothing (<see cref="SqlDialect.FailUnlessChanged"/>), its
    /// text built once per set of columns: a command's path would otherwise build two strings of a few hundred characters each time.
    /// </summary>
    private string UpdateOrFail(List<int> columns)
    {
        var set = 0L;
        foreach (var c in columns)
        {
            set |= 1L << c; // the grievance has fewer than 64 columns, and Changed lists them in order
        }

        return _updatesOrFail.GetOrAdd(set, static (_, state) => state.Dialect.FailUnlessChanged(SqlColumns.Update(state.Columns)), (Dialect: _dialect, Columns: columns));
    }

    private static readonly string InsertGrievance = $"INSERT INTO grievances ({SqlColumns.Grievance}) VALUES ({SqlColumns.Parameters(SqlColumns.Grievance)})";

    private static readonly string InsertContact = $"INSERT INTO contacts ({SqlColumns.Contact}) VALUES ({SqlColumns.Parameters(SqlColumns.Contact)})";

    private const string InsertHistory = $"INSERT INTO history ({SqlColumns.History}) VALUES (@grievance_id, @sequence, @occurred_at, @actor_role, @actor_id, @actor_department, @actor_level, @action, @from_status, @to_status, @outcome, @from_level, @to_level, @department, @officer, @text, @reason_code, @rating, @command_id, @is_internal, @command_fingerprint)";

    private const string InsertEvent = $"INSERT INTO outbox ({SqlColumns.Event}) VALUES (@grievance_id, @reference_number, @sequence, @idx, @type, @occurred_at, @channel, @status, @outcome, @level, @department, @officer, @due_at)";
}
