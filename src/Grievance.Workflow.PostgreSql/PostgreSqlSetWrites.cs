using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Grievance.Workflow.PostgreSql;

/// <summary>
/// Many conditional changes written set-wise: the changes that write the same columns share one statement, whose values travel as
/// one typed array per column (<c>unnest</c>). The statement updates every row still at its expected version in one
/// <c>UPDATE … FROM</c>, and inserts the history and outbox rows of exactly the rows it updated, so nothing of a stale change is
/// written. One parse and one plan per group instead of per change: a sweep's thousand changes are one or two statements.
/// </summary>
internal static class PostgreSqlSetWrites
{
    // The column types of the rows a change writes, in SqlColumns' column order.
    private static readonly string[] GrievanceTypes = Types(SqlColumns.GrievanceColumns, "text, text, text, text, text, text, text, text, text, text, integer, integer, integer, text, text, text, integer, integer, bigint, bigint, bigint, bigint, bigint, boolean, bigint, bigint, integer, bigint, text, text, integer, integer, integer, bigint, text, text, text, integer, integer");
    private static readonly string[] HistoryTypes = Types(SqlColumns.HistoryColumns, "text, bigint, bigint, integer, text, text, integer, integer, integer, integer, integer, integer, integer, text, text, text, text, integer, text, boolean, text");
    private static readonly string[] EventTypes = Types(SqlColumns.EventColumns, "text, text, bigint, integer, integer, bigint, text, integer, integer, integer, text, text, bigint");

    /// <summary>Writes the changes (one per grievance) in one round trip and tells, for each, whether its version check held.</summary>
    public static async ValueTask<bool[]> SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<GrievanceChange> changes, CancellationToken cancellationToken)
    {
        var applied = new bool[changes.Count];
        if (changes.Count == 0)
        {
            return applied;
        }

        // Group by the columns written: each group is one statement.
        var groups = new Dictionary<string, (List<int> Columns, List<(int Index, object?[] Values)> Rows)>(StringComparer.Ordinal);
        for (var i = 0; i < changes.Count; i++)
        {
            var (columns, values) = SqlColumns.Changed(changes[i].Previous, changes[i].Grievance);
            var key = string.Join(",", columns);
            if (!groups.TryGetValue(key, out var group))
            {
                group = (columns, []);
                groups.Add(key, group);
            }

            group.Rows.Add((i, values));
        }

        var index = new Dictionary<string, int>(changes.Count, StringComparer.Ordinal);
        for (var i = 0; i < changes.Count; i++)
        {
            index[SqlColumns.Id(changes[i].Grievance.Id)] = i;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (columns, rows) in groups.Values)
        {
            batch.BatchCommands.Add(Statement(changes, columns, rows));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        do
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied[index[reader.GetString(0)]] = true;
            }
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

        return applied;
    }

    private static NpgsqlBatchCommand Statement(IReadOnlyList<GrievanceChange> changes, List<int> columns, List<(int Index, object?[] Values)> rows)
    {
        var command = new NpgsqlBatchCommand();
        var sql = new StringBuilder("WITH v(id, expected_version");
        foreach (var c in columns)
        {
            sql.Append(", ").Append(SqlColumns.GrievanceColumns[c]);
        }

        sql.Append(") AS (").Append(PostgreSqlDialect.Unnested(columns.Select(c => "@g_" + SqlColumns.GrievanceColumns[c]).Prepend("@g_expected_version").Prepend("@g_id")))
            .Append("), u AS (UPDATE grievances g SET ")
            .AppendJoin(", ", columns.Select(c => $"{SqlColumns.GrievanceColumns[c]} = v.{SqlColumns.GrievanceColumns[c]}"))
            .Append(" FROM v WHERE g.id = v.id AND g.version = v.expected_version RETURNING g.id)")
            .Append(", h AS (INSERT INTO history (").Append(SqlColumns.History).Append(") SELECT ").Append(SqlColumns.History)
            .Append(" FROM (").Append(PostgreSqlDialect.Unnested(SqlColumns.HistoryColumns.Select(c => "@h_" + c))).Append(") AS h(").Append(SqlColumns.History)
            .Append(") WHERE h.grievance_id IN (SELECT id FROM u))")
            .Append(", o AS (INSERT INTO outbox (").Append(SqlColumns.Event).Append(") SELECT ").Append(SqlColumns.Event)
            .Append(" FROM (").Append(PostgreSqlDialect.Unnested(SqlColumns.EventColumns.Select(c => "@e_" + c)))
            .Append(", generate_subscripts(@e_").Append(SqlColumns.EventColumns[0]).Append(", 1)) AS e(").Append(SqlColumns.Event)
            .Append(", n) WHERE e.grievance_id IN (SELECT id FROM u) ORDER BY e.n)") // events get their ids, so their positions, in command order
            .Append(" SELECT id FROM u");
        command.CommandText = sql.ToString();

        command.Parameters.Add(Array("g_id", "text", rows.Select(r => r.Values[0])));
        command.Parameters.Add(Array("g_expected_version", "bigint", rows.Select(r => (object?)changes[r.Index].ExpectedVersion)));
        foreach (var c in columns)
        {
            command.Parameters.Add(Array("g_" + SqlColumns.GrievanceColumns[c], GrievanceTypes[c], rows.Select(r => r.Values[c])));
        }

        var history = rows.Select(r => SqlColumns.Values(changes[r.Index].Entry)).ToList();
        for (var c = 0; c < SqlColumns.HistoryColumns.Length; c++)
        {
            var column = c;
            command.Parameters.Add(Array("h_" + SqlColumns.HistoryColumns[c], HistoryTypes[c], history.Select(values => values[column])));
        }

        var events = rows.SelectMany(r => changes[r.Index].Events).Select(SqlColumns.Values).ToList();
        for (var c = 0; c < SqlColumns.EventColumns.Length; c++)
        {
            var column = c;
            command.Parameters.Add(Array("e_" + SqlColumns.EventColumns[c], EventTypes[c], events.Select(values => values[column])));
        }

        return command;
    }

    /// <summary>One column's values as a typed array parameter (nulls kept), so <c>unnest</c> needs no casts.</summary>
    private static NpgsqlParameter Array(string name, string type, IEnumerable<object?> values) => type switch
    {
        "text" => new NpgsqlParameter<string?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values.Select(v => (string?)v).ToArray() },
        "bigint" => new NpgsqlParameter<long?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = values.Select(v => v is null ? (long?)null : Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray() },
        "integer" => new NpgsqlParameter<int?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = values.Select(v => v is null ? (int?)null : Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToArray() },
        "boolean" => new NpgsqlParameter<bool?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Boolean) { TypedValue = values.Select(v => (bool?)v).ToArray() },
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No array binding for this column type."),
    };

    private static string[] Types(string[] columns, string types)
    {
        var list = types.Split(", ");
        return list.Length == columns.Length
            ? list
            : throw new InvalidOperationException($"{columns.Length} columns ({string.Join(", ", columns)}) but {list.Length} types.");
    }
}
