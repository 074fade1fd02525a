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
        var updated = await WriteAsync(connection, transaction, $"UPDATE grievances SET {SqlColumns.ChangedAssignments(change.Previous, grievance)} WHERE id = @id AND version = @expected_version", c =>
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

    private static ValueTask<int> InsertHistoryAsync(DbConnection connection, DbTransaction transaction, HistoryEntry entry, CancellationToken cancellationToken)
        => WriteAsync(connection, transaction, $"INSERT INTO history ({SqlColumns.History}) VALUES ({SqlColumns.Parameters(SqlColumns.History)})", c => SqlColumns.AddHistory(c, entry), cancellationToken);
}
