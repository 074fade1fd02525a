using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage.Sql;

// Secondary indexes taken down for a first load and built again after it (IImportIndexStore). A definition is kept in
// deferred_indexes in the same transaction as its DROP, so a crash never loses an index: the store's start builds what is left.
// The first load's rollups are deferred too: added up in memory (ImportAsync adds each committed batch's) and written in one go
// before the indexes are built. A marker row says they are owed; when it outlives the process that added them up (a crash), or
// another node already settled them, the rollups are computed again from the grievance rows — a pure function of the rows.
internal sealed partial class SqlStore
{
    private const string RollupsOwed = "*rollups";
    private const int RollupRowsPerStatement = 1_000;
    private ScorecardRollups? _deferredRollups;

    public async ValueTask<int> SuspendIndexesAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var indexes = await NamesAndDefinitionsAsync(connection, transaction, _dialect.SecondaryIndexesQuery, cancellationToken).ConfigureAwait(false);

        foreach (var (name, definition) in indexes)
        {
            await WriteAsync(connection, transaction, "INSERT INTO deferred_indexes (name, definition) VALUES (@name, @definition)", c =>
            {
                SqlColumns.Add(c, "name", name);
                SqlColumns.Add(c, "definition", definition);
            }, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"DROP INDEX {Identifier(name)}", cancellationToken).ConfigureAwait(false);
        }

        var owed = Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM deferred_indexes WHERE name = @name", cancellationToken,
            c => SqlColumns.Add(c, "name", RollupsOwed)).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (owed == 0)
        {
            await WriteAsync(connection, transaction, "INSERT INTO deferred_indexes (name, definition) VALUES (@name, '')", c => SqlColumns.Add(c, "name", RollupsOwed), cancellationToken)
                .ConfigureAwait(false);
        }

        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        Interlocked.CompareExchange(ref _deferredRollups, new ScorecardRollups(_shards), null);
        return indexes.Count;
    }

    public async ValueTask<int> RebuildIndexesAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await RebuildIndexesAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Settles the rollups owed, then builds each index in deferred_indexes in a transaction of its own (a crash keeps those
    /// built) and forgets it.
    /// </summary>
    private async ValueTask<int> RebuildIndexesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _deferredRollups) is null
            && Convert.ToInt64(await ScalarAsync(connection, null, "SELECT COUNT(*) FROM deferred_indexes", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0; // nothing taken down, nothing owed: the usual start takes no write lock
        }

        await SettleRollupsAsync(connection, cancellationToken).ConfigureAwait(false);
        var deferred = await NamesAndDefinitionsAsync(
            connection, null, $"SELECT name, definition FROM deferred_indexes WHERE name <> '{RollupsOwed}' ORDER BY name", cancellationToken).ConfigureAwait(false);

        foreach (var (name, definition) in deferred)
        {
            await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            if (_dialect.IndexBuildSettings.Length > 0)
            {
                await ExecuteAsync(connection, transaction, _dialect.IndexBuildSettings, cancellationToken).ConfigureAwait(false);
            }

            await using (var build = connection.CreateCommand())
            {
                build.Transaction = transaction;
                build.CommandText = IfNotExists(definition);
                build.CommandTimeout = 0; // one pass over a table of millions: minutes, not the default 30 seconds
                await build.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await WriteAsync(connection, transaction, "DELETE FROM deferred_indexes WHERE name = @name", c => SqlColumns.Add(c, "name", name), cancellationToken)
                .ConfigureAwait(false);
            await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }

        return deferred.Count;
    }

    /// <summary>
    /// Writes the rollups a first load added up in memory, in the transaction that removes the marker. When the marker is there
    /// and nothing was added up here (the process that did died), or it is gone while something was (another node settled them
    /// meanwhile), the rollups are computed again from every grievance row instead.
    /// </summary>
    private async ValueTask SettleRollupsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using var mine = Interlocked.Exchange(ref _deferredRollups, null);
        using var recomputed = new ScorecardRollups(_shards);
        await using var transaction = await _dialect.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        if (_dialect.MigrationLock.Length > 0)
        {
            await ExecuteAsync(connection, transaction, _dialect.MigrationLock, cancellationToken).ConfigureAwait(false); // one settler at a time
        }

        var owed = await WriteAsync(connection, transaction, "DELETE FROM deferred_indexes WHERE name = @name", c => SqlColumns.Add(c, "name", RollupsOwed), cancellationToken)
            .ConfigureAwait(false) > 0;
        if (!owed && mine is null)
        {
            return; // only indexes left to build, or another node settled the rollups first
        }

        await using var statements = new SqlStatements(connection, transaction, _dialect);
        if (owed && mine is not null)
        {
            await mine.WriteInPiecesAsync(statements, _dialect, RollupRowsPerStatement, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RecomputeRollupsAsync(connection, statements, recomputed, cancellationToken).ConfigureAwait(false);
        }

        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Computes both rollup tables again from the grievance rows into <paramref name="rollups"/> (empty; the caller disposes of it
    /// after the commit), the writers held off (the dialect's rebuild lock).
    /// </summary>
    private async ValueTask RecomputeRollupsAsync(DbConnection connection, SqlStatements statements, ScorecardRollups rollups, CancellationToken cancellationToken)
    {
        if (_dialect.RollupRebuildLock.Length > 0)
        {
            await statements.ExecuteAsync(_dialect.RollupRebuildLock, static _ => { }, cancellationToken).ConfigureAwait(false);
        }

        await statements.ExecuteAsync($"DELETE FROM {RollupTable.Cohorts.Name}", static _ => { }, cancellationToken).ConfigureAwait(false);
        await statements.ExecuteAsync($"DELETE FROM {RollupTable.Flows.Name}", static _ => { }, cancellationToken).ConfigureAwait(false);
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = statements.Transaction;
            read.CommandTimeout = 0; // every row of a table of millions
            read.CommandText = $"SELECT {SqlColumns.Grievance} FROM grievances";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rollups.Add(SqlColumns.ReadGrievance(reader), 1);
            }
        }

        await rollups.WriteInPiecesAsync(statements, _dialect, RollupRowsPerStatement, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads index names and the statements that create them, as a query lists them.</summary>
    private static async ValueTask<List<(string Name, string Definition)>> NamesAndDefinitionsAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var indexes = new List<(string Name, string Definition)>();
        await using var list = connection.CreateCommand();
        list.Transaction = transaction;
        list.CommandText = sql;
        await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    /// <summary>A <c>CREATE INDEX</c> statement that does nothing when the index exists (built by an earlier, interrupted rebuild).</summary>
    private static string IfNotExists(string definition)
    {
        const string Create = "CREATE INDEX ";
        return definition.StartsWith(Create, StringComparison.OrdinalIgnoreCase) && !definition.StartsWith(Create + "IF NOT EXISTS ", StringComparison.OrdinalIgnoreCase)
            ? "CREATE INDEX IF NOT EXISTS " + definition[Create.Length..]
            : definition;
    }

    /// <summary>An index name as the catalogue gave it, refused unless it is a plain identifier (it goes into a DROP statement).</summary>
    private static string Identifier(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new InvalidOperationException($"The index name '{name}' is not a plain identifier; it is not taken down.");
            }
        }

        return name;
    }
}
