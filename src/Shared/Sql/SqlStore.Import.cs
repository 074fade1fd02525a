using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Import;

namespace Grievance.Workflow.Storage.Sql;

// Bulk import: many grievances with their whole history in one transaction, by the dialect's bulk path.
internal sealed partial class SqlStore
{
    public async ValueTask<IReadOnlyList<bool>> ImportAsync(IReadOnlyList<ImportedGrievance> grievances, CancellationToken cancellationToken)
    {
        ChangeBatches.ValidateCount(grievances, "grievances", nameof(grievances));

        var stored = new bool[grievances.Count];
        if (grievances.Count == 0)
        {
            return stored;
        }

        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var rollups = new ScorecardRollups(_shards); // disposed after the transaction ends: gives its shard back
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var (presentIds, presentReferences) = await PresentAsync(connection, transaction, grievances, cancellationToken).ConfigureAwait(false);
        List<object?[]> rows = [], history = [], contacts = [], events = [];
        var deferred = Volatile.Read(ref _deferredRollups); // a first load: added up in memory, written once after it
        for (var i = 0; i < grievances.Count; i++)
        {
            var record = grievances[i] ?? throw new ArgumentException($"The record at index {i} is null.", nameof(grievances));
            var g = record.Grievance;
            var id = SqlColumns.Id(g.Id);
            if (!presentIds.Add(id) | !presentReferences.Add(g.ReferenceNumber.Value))
            {
                continue; // in the store, or earlier in this batch
            }

            stored[i] = true;
            rows.Add(SqlColumns.Values(g));
            rollups.Add(g, 1);
            foreach (var entry in record.History)
            {
                history.Add(SqlColumns.Values(entry));
            }

            if (record.Contact is { } contact)
            {
                contacts.Add(SqlColumns.Values(g.Id, contact));
            }

            foreach (var e in record.Events)
            {
                events.Add(SqlColumns.Values(e));
            }
        }

        await BulkAsync("grievances", SqlColumns.Grievance, rows).ConfigureAwait(false);
        await BulkAsync("history", SqlColumns.History, history).ConfigureAwait(false);
        await BulkAsync("contacts", SqlColumns.Contact, contacts).ConfigureAwait(false);
        await BulkAsync("outbox", SqlColumns.Event, events).ConfigureAwait(false);
        if (deferred is null)
        {
            await using var statements = new SqlStatements(connection, transaction, _dialect);
            await rollups.WriteAsync(statements, _dialect, cancellationToken).ConfigureAwait(false);
        }

        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        if (deferred is not null)
        {
            lock (deferred)
            {
                deferred.Add(rollups); // only what committed
            }
        }

        return stored;

        ValueTask BulkAsync(string table, string columns, List<object?[]> values)
            => values.Count == 0 ? default : _dialect.BulkInsertAsync(connection, transaction, table, columns, values, cancellationToken);
    }

    /// <summary>The ids and reference numbers of the batch that are in the store already, read in one query of two list parameters.</summary>
    private async ValueTask<(HashSet<string> Ids, HashSet<string> References)> PresentAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, IReadOnlyList<ImportedGrievance> grievances, CancellationToken cancellationToken)
    {
        var (ids, references) = (new string[grievances.Count], new string[grievances.Count]);
        for (var i = 0; i < grievances.Count; i++)
        {
            var g = grievances[i]?.Grievance ?? throw new ArgumentException($"The record at index {i} is null.", nameof(grievances));
            (ids[i], references[i]) = (SqlColumns.Id(g.Id), g.ReferenceNumber.Value);
        }

        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT id, reference_number FROM grievances WHERE id {_dialect.InList("ids")} UNION ALL SELECT id, reference_number FROM grievances WHERE reference_number {_dialect.InList("refs")}";
        _dialect.AddList(select, "ids", ids);
        _dialect.AddList(select, "refs", references);
        var present = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            present.Item1.Add(reader.GetString(0));
            present.Item2.Add(reader.GetString(1));
        }

        return present;
    }
}
