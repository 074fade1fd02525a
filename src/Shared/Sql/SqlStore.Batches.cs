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
        using var rollups = new ScorecardRollups(_shards); // disposed after the transaction ends: gives its shard back
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var statements = new SqlStatements(connection, transaction, _dialect);
        var oneByOne = Enumerable.Range(0, changes.Count).ToList();
        if (_dialect.SavesInOneRoundTrip)
        {
            // Changes without a command id cannot collide on one: all of them in one round trip. The others take their savepoints.
            var plain = oneByOne.FindAll(i => changes[i].Entry.CommandId is null);
            oneByOne = oneByOne.FindAll(i => changes[i].Entry.CommandId is not null);
            var before = await StoredAsync(connection, transaction, plain.Where(i => changes[i].Previous is null).Select(i => changes[i].Grievance.Id).ToList(), cancellationToken).ConfigureAwait(false);
            var applied = await _dialect.SaveInOneRoundTripAsync(connection, transaction, plain.Select(i => changes[i]).ToList(), cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < plain.Count; k++)
            {
                var change = changes[plain[k]];
                if (applied[k])
                {
                    // Written, so what was stored (when the change did not carry it) was at the expected version.
                    rollups.Add(change.Previous ?? before[SqlColumns.Id(change.Grievance.Id)], change.Grievance);
                }
            }

            var refused = plain.Where((_, k) => !applied[k]).ToList();
            if (refused.Count > 0)
            {
                var now = await StoredAsync(connection, transaction, refused.Select(i => changes[i].Grievance.Id).ToList(), cancellationToken).ConfigureAwait(false);
                foreach (var i in refused)
                {
                    var id = changes[i].Grievance.Id;
                    outcomes[i] = now.TryGetValue(SqlColumns.Id(id), out var stored)
                        ? new GrievanceConcurrencyException(id, changes[i].ExpectedVersion, stored.Version)
                        : new GrievanceNotFoundException(id);
                }
            }
        }

        foreach (var i in oneByOne)
        {
            outcomes[i] = await SaveOneAsync(statements, changes[i], rollups, savepoint: true, cancellationToken).ConfigureAwait(false);
        }

        await rollups.WriteAsync(statements, _dialect, cancellationToken).ConfigureAwait(false);
        await CommitAsync(statements, cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>The stored snapshots of grievances, read in one query within the transaction, by id.</summary>
    private async ValueTask<Dictionary<string, GrievanceSnapshot>> StoredAsync(DbConnection connection, DbTransaction transaction, List<GrievanceId> ids, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, GrievanceSnapshot>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return stored;
        }

        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {SqlColumns.Grievance} FROM grievances WHERE id {_dialect.InList("ids")}";
        _dialect.AddList(select, "ids", ids.Select(SqlColumns.Id).ToList());
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var g = SqlColumns.ReadGrievance(reader);
            stored[SqlColumns.Id(g.Id)] = g;
        }

        return stored;
    }

    /// <summary>
    /// Writes one change within the caller's transaction: the grievance row when its version is still the expected one, its
    /// history row and its outbox rows. Returns the refusal instead, having written nothing of the change — with
    /// <paramref name="savepoint"/>, by rolling back to a savepoint taken before it; without, the caller rolls back.
    /// </summary>
    private async ValueTask<GrievanceWorkflowException?> SaveOneAsync(SqlStatements statements, GrievanceChange change, ScorecardRollups rollups, bool savepoint, CancellationToken cancellationToken)
    {
        // The scorecard rollups take away what the grievance counted for before: the change carries it, or it is read here (at the
        // expected version, or the update below finds nothing to write).
        var previous = change.Previous;
        if (previous is null)
        {
            var command = statements.For($"SELECT {SqlColumns.Grievance} FROM grievances WHERE id = @id AND version = @expected_version");
            SqlColumns.Add(command, "id", SqlColumns.Id(change.Grievance.Id));
            SqlColumns.Add(command, "expected_version", change.ExpectedVersion);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            previous = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? SqlColumns.ReadGrievance(reader) : null;
        }

        var grievance = change.Grievance;
        var commandId = change.Entry.CommandId;
        var transaction = statements.Transaction ?? throw new InvalidOperationException("A change is written statement by statement within a transaction only.");
        const string Savepoint = "grievance_change";
        savepoint &= commandId is not null;
        if (savepoint)
        {
            await transaction.SaveAsync(Savepoint, cancellationToken).ConfigureAwait(false);
        }

        var (columns, values) = SqlColumns.Changed(change.Previous, grievance);
        var (names, bound) = SqlColumns.UpdateParameters(values, columns, change.ExpectedVersion);
        var updated = await statements.ExecuteAsync(SqlColumns.Update(columns), names, bound, cancellationToken)
            .ConfigureAwait(false);
        if (updated == 0)
        {
            if (savepoint)
            {
                await transaction.ReleaseAsync(Savepoint, cancellationToken).ConfigureAwait(false);
            }

            return await RefusalAsync(statements, change, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await statements.ExecuteAsync(InsertHistory, SqlColumns.HistoryColumns, SqlColumns.Values(change.Entry), cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (_dialect.IsUniqueViolation(ex, out _) && commandId is { } taken)
        {
            if (savepoint)
            {
                await transaction.RollbackAsync(Savepoint, cancellationToken).ConfigureAwait(false);
            }

            return new CommandIdConflictException(taken, grievance.Id, change.Entry.Action, CommandIdDifferences.Unknown);
        }

        foreach (var e in change.Events)
        {
            await statements.ExecuteAsync(InsertEvent, SqlColumns.EventColumns, SqlColumns.Values(e), cancellationToken).ConfigureAwait(false);
        }

        if (savepoint)
        {
            await transaction.ReleaseAsync(Savepoint, cancellationToken).ConfigureAwait(false);
        }

        rollups.Add(previous!, grievance);
        return null;
    }

    /// <summary>Why a change found no row at its expected version: the grievance is not there, or at another version.</summary>
    private static async ValueTask<GrievanceWorkflowException> RefusalAsync(SqlStatements statements, GrievanceChange change, CancellationToken cancellationToken)
    {
        var id = change.Grievance.Id;
        var stored = await statements.ScalarAsync(StoredVersion, c => SqlColumns.Add(c, "id", SqlColumns.Id(id)), cancellationToken).ConfigureAwait(false);
        return Refusal(change, stored);
    }

    private const string StoredVersion = "SELECT version FROM grievances WHERE id = @id";

    /// <summary>The refusal of a change whose grievance is stored at <paramref name="stored"/> (a version, or nothing: not found).</summary>
    private static GrievanceWorkflowException Refusal(GrievanceChange change, object? stored) => stored is null or DBNull
        ? new GrievanceNotFoundException(change.Grievance.Id)
        : new GrievanceConcurrencyException(change.Grievance.Id, change.ExpectedVersion, Convert.ToInt64(stored, CultureInfo.InvariantCulture));
}
