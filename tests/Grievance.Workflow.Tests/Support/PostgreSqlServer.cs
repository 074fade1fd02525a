using System.Text.Json;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Tests.Storage;
using Npgsql;

namespace Grievance.Workflow.Tests.Support;

/// <summary>The test server named by <c>GRIEVANCE_POSTGRES</c>: its connection string, and statements run on it outside any store.</summary>
internal static class PostgreSqlServer
{
    public static string ConnectionString => Environment.GetEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable)!;

    /// <summary>Gets the connection string with <paramref name="schema"/> as the search path.</summary>
    public static string In(string schema) => new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;

    /// <summary>Runs a statement, with named parameters, on <paramref name="connectionString"/>.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Imports generated grievances (registered over ten days from <paramref name="dayOne"/>, 60% still pending, most of them long
    /// overdue) into a store on <paramref name="connectionString"/>, then lets the planner count them.
    /// </summary>
    public static async Task<PostgreSqlGrievanceStore> FillAsync(string connectionString, int count, DateTimeOffset dayOne, int? awaitingFeedbackPercent = null)
    {
        var store = new PostgreSqlGrievanceStore(connectionString);
        var records = (await Grievance.Workflow.Demo.Import.ImportGenerator.CreateAsync()).Generate(count, seed: 5, dayOne, days: 10, pendingPercent: 60, awaitingFeedbackPercent).ToList();
        foreach (var batch in records.Chunk(1_000))
        {
            await store.ImportAsync(batch, default);
        }

        // The store's tables only: a bare ANALYZE reads every table of the database, other test classes' schemas too, and fails
        // when one of them is dropped under it.
        await ExecuteAsync(connectionString, "ANALYZE grievances, history, due_claims");
        return store;
    }

    /// <summary>Reads one number with a query on <paramref name="connectionString"/>.</summary>
    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The nodes of the query's plan for these parameter values, with sorts, sequential and bitmap scans priced out.</summary>
    public static Task<List<(string Type, string? Relation, string? Index)>> PlanAsync(string connectionString, string sql, List<(string Name, object? Value)> parameters)
        => PlanAsync(connectionString, sql, parameters, "SET enable_sort = off; SET enable_seqscan = off; SET enable_bitmapscan = off");

    /// <summary>
    /// The plan PostgreSQL picks itself for a query with its parameters' values (a custom plan, as for a statement's first runs on a
    /// connection) under the settings the store's transaction runs it with, nothing else priced out: for a test that the store
    /// leaves the planner no worse choice, whatever it estimates.
    /// </summary>
    public static Task<List<(string Type, string? Relation, string? Index)>> ChosenPlanAsync(string connectionString, string sql, List<(string Name, object? Value)> parameters, string storeSettings)
        => PlanAsync(connectionString, sql, parameters, storeSettings);

    /// <summary>The plan, read in a transaction (rolled back) that starts with <paramref name="settings"/> as a store's would.</summary>
    private static async Task<List<(string Type, string? Relation, string? Index)>> PlanAsync(string connectionString, string sql, List<(string Name, object? Value)> parameters, string settings)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (settings.Length > 0)
        {
            await using var set = new NpgsqlCommand(settings, connection, transaction);
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var document = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        var nodes = new List<(string, string?, string?)>();
        Walk(document.RootElement[0].GetProperty("Plan"), nodes);
        return nodes;
    }

    private static void Walk(JsonElement node, List<(string Type, string? Relation, string? Index)> nodes)
    {
        nodes.Add((
            node.GetProperty("Node Type").GetString()!,
            node.TryGetProperty("Relation Name", out var relation) ? relation.GetString() : null,
            node.TryGetProperty("Index Name", out var index) ? index.GetString() : null));
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, nodes);
            }
        }
    }
}
