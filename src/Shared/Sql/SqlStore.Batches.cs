using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage.Sql;

// Batches: many grievances read in one query, many changes written in one transaction with a version check each.
internal sealed partial class SqlStore
{
    public async ValueTask<IReadOnlyList<GrievanceSnapshot>> FindManyAsync(IReadOnlyList<GrievanceId> ids, CancellationToken cancellationToken)
    {
        ChangeBatches.ValidateIds(ids);
        return ids.Count == 0
            ? Array.Empty<GrievanceSnapshot>()
            : await ReadManyAsync(
                $"SELECT {SqlColumns.Grievance} FROM grievances WHERE id {_dialect.InList("ids")}",
                c => _dialect.AddList(c, "ids", ids.Select(SqlColumns.Id).ToList()),
                SqlColumns.ReadGrievance,
                cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the changes in one transaction, each checked against its expected version. A change that fails its check is
    /// skipped; one whose command id turns out taken is rolled back to a savepoint taken before it (only changes with a command
    /// id need one). Like changes share their compiled statements.
    /// </summary>
    public async ValueTask<IReadOnlyList<GrievanceWorkflowException?>> SaveManyAsync(IReadOnlyList<GrievanceChange> changes, CancellationToken cancellationToken)
    {
        ChangeBatches.Validate(changes);
        var outcomes = new GrievanceWorkflowException?[changes.Count];
        if (changes.Count == 0)
        {
            return outcomes;
        }

        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var statements = new SqlStatements(connection, transaction);
        var oneByOne = Enumerable.Range(0, changes.Count).ToList();
        if (_dialect.SavesInOneRoundTrip)
        {
            // Changes without a command id cannot collide on one: all of them in one round trip. The others take their savepoints.
            var plain = oneByOne.FindAll(i => changes[i].Entry.CommandId is null);
            oneByOne = oneByOne.FindAll(i => changes[i].Entry.CommandId is not null);
            var applied = await _dialect.SaveInOneRoundTripAsync(connection, transaction, plain.Select(i => changes[i]).ToList(), cancellationToken).ConfigureAwait(false);
            var refused = plain.Where((_, k) => !applied[k]).ToList();
            if (refused.Count > 0)
            {
                var versions = await VersionsAsync(connection, transaction, refused.Select(i => changes[i].Grievance.Id).ToList(), cancellationToken).ConfigureAwait(false);
                foreach (var i in refused)
                {
                    var id = changes[i].Grievance.Id;
                    outcomes[i] = versions.TryGetValue(SqlColumns.Id(id), out var stored)
                        ? new GrievanceConcurrencyException(id, changes[i].ExpectedVersion, stored)
                        : new GrievanceNotFoundException(id);
                }
            }
        }

        foreach (var i in oneByOne)
        {
            outcomes[i] = await SaveOneAsync(statements, changes[i], savepoint: true, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>The stored versions of grievances, read in one query.</summary>
    private async ValueTask<Dictionary<string, long>> VersionsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<GrievanceId> ids, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT id, version FROM grievances WHERE id {_dialect.InList("ids")}";
        _dialect.AddList(select, "ids", ids.Select(SqlColumns.Id).ToList());
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions[reader.GetString(0)] = reader.GetInt64(1);
        }

        return versions;
    }

    /// <summary>
    /// Writes one change within the caller's transaction: the grievance row when its version is still the expected one, its
    /// history row and its outbox rows. Returns the refusal instead, having written nothing of the change — with
    /// <paramref name="savepoint"/>, by rolling back to a savepoint taken before it; without, the caller rolls back.
    /// </summary>
    private async ValueTask<GrievanceWorkflowException?> SaveOneAsync(SqlStatements statements, GrievanceChange change, bool savepoint, CancellationToken cancellationToken)
    {
        var grievance = change.Grievance;
        var commandId = change.Entry.CommandId;
        const string Savepoint = "grievance_change";
        savepoint &= commandId is not null;
        if (savepoint)
        {
            await statements.Transaction.SaveAsync(Savepoint, cancellationToken).ConfigureAwait(false);
        }

        var updated = await statements.ExecuteAsync($"UPDATE grievances SET {SqlColumns.ChangedAssignments(change.Previous, grievance)} WHERE id = @id AND version = @expected_version", c =>
        {
            SqlColumns.AddGrievance(c, grievance);
            SqlColumns.Add(c, "expected_version", change.ExpectedVersion);
        }, cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            if (savepoint)
            {
                await statements.Transaction.ReleaseAsync(Savepoint, cancellationToken).ConfigureAwait(false);
            }

            var stored = await statements.ScalarAsync("SELECT version FROM grievances WHERE id = @id", c => SqlColumns.Add(c, "id", SqlColumns.Id(grievance.Id)), cancellationToken).ConfigureAwait(false);
            return stored is null or DBNull
                ? new GrievanceNotFoundException(grievance.Id)
                : new GrievanceConcurrencyException(grievance.Id, change.ExpectedVersion, Convert.ToInt64(stored, CultureInfo.InvariantCulture));
        }

        try
        {
            await statements.ExecuteAsync(InsertHistory, c => SqlColumns.AddHistory(c, change.Entry), cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (_dialect.IsUniqueViolation(ex, out _) && commandId is { } taken)
        {
            if (savepoint)
            {
                await statements.Transaction.RollbackAsync(Savepoint, cancellationToken).ConfigureAwait(false);
            }

            return new CommandIdConflictException(taken, grievance.Id, change.Entry.Action, CommandIdDifferences.Unknown);
        }

        foreach (var e in change.Events)
        {
            await statements.ExecuteAsync(InsertEvent, c => SqlColumns.AddEvent(c, e, string.Empty), cancellationToken).ConfigureAwait(false);
        }

        if (savepoint)
        {
            await statements.Transaction.ReleaseAsync(Savepoint, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
