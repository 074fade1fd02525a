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
}
