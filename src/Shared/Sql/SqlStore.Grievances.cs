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

    public async ValueTask CreateAsync(GrievanceCreation creation, CancellationToken cancellationToken)
    {
        var grievance = creation.Grievance ?? throw new ArgumentException("The creation is the default value.", nameof(creation));
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var rollups = new ScorecardRollups(_shards); // disposed after the transaction ends: gives its shard back
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
        rollups.Add(grievance, 1);
        await using (var statements = new SqlStatements(connection, transaction, _dialect))
        {
            await rollups.WriteAsync(statements, _dialect, cancellationToken).ConfigureAwait(false);
        }

        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SaveAsync(GrievanceChange change, CancellationToken cancellationToken)
    {
        _ = change.Grievance ?? throw new ArgumentException("The change is the default value.", nameof(change));
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var rollups = new ScorecardRollups(_shards); // disposed after the transaction ends: gives its shard back
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var statements = new SqlStatements(connection, transaction, _dialect);

        // On a taken command id nothing more is read here: a second pooled connection opened while this one is held can exhaust a
        // small pool. The engine reads the first use afterwards and tells a replay from a conflict.
        if (await SaveOneAsync(statements, change, rollups, savepoint: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            throw refused;
        }

        await rollups.WriteAsync(statements, _dialect, cancellationToken).ConfigureAwait(false);
        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
    }

    private const string InsertHistory = $"INSERT INTO history ({SqlColumns.History}) VALUES (@grievance_id, @sequence, @occurred_at, @actor_role, @actor_id, @actor_department, @actor_level, @action, @from_status, @to_status, @outcome, @from_level, @to_level, @department, @officer, @text, @reason_code, @rating, @command_id, @is_internal, @command_fingerprint)";

    private const string InsertEvent = $"INSERT INTO outbox ({SqlColumns.Event}) VALUES (@grievance_id, @reference_number, @sequence, @idx, @type, @occurred_at, @channel, @status, @outcome, @level, @department, @officer, @due_at)";

    private static ValueTask<int> InsertHistoryAsync(DbConnection connection, DbTransaction transaction, HistoryEntry entry, CancellationToken cancellationToken)
        => WriteAsync(connection, transaction, InsertHistory, c => SqlColumns.AddHistory(c, entry), cancellationToken);
}
