using Microsoft.Extensions.DependencyInjection;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Sqlite;
using Microsoft.Data.Sqlite;

namespace Grievance.Workflow.Demo.Simulation;

/// <summary>Puts the chosen store behind the workflow, the way a host app does.</summary>
public static class StoreSetup
{
    /// <summary>The SQLite file the demo uses by default, in the current folder.</summary>
    public const string DefaultSqliteFile = "grievances.db";

    private const string DefaultSqliteConnection = $"Data Source={DefaultSqliteFile}";

    /// <summary>The SQLite file an import goes to by default: never the simulator's, which each simulation makes afresh.</summary>
    public const string DefaultImportFile = "imported.db";

    /// <summary>The PostgreSQL schema an import goes to: never the simulator's, which each simulation drops.</summary>
    public const string ImportSchema = "grievance_import";

    /// <summary>Describes where the data goes, for the output.</summary>
    /// <param name="kind">The store.</param>
    /// <param name="connection">The connection string, or <see langword="null"/> for the default.</param>
    /// <returns>A file path, a redacted connection string or "in memory".</returns>
    /// <param name="kept">Whether the store is kept as it is (an import) rather than made afresh.</param>
    public static string Describe(StoreKind kind, string? connection, bool kept = false) => kind switch
    {
        StoreKind.Sqlite => kept ? Path.GetFullPath(new SqliteConnectionStringBuilder(connection ?? $"Data Source={DefaultImportFile}").DataSource) + " (kept)" : Path.GetFullPath(SqliteFile(connection)),
        StoreKind.Postgres => new Npgsql.NpgsqlConnectionStringBuilder(connection) { Password = null, SearchPath = kept ? ImportSchema : PostgresSchema }.ConnectionString,
        _ => "in memory (nothing kept)",
    };

    /// <summary>The PostgreSQL schema the simulator works in: dropped and made afresh on each run, so runs never mix.</summary>
    public const string PostgresSchema = "grievance_demo";

    /// <summary>Uses the store, empty: the default SQLite file is made afresh; another SQLite file must be new; PostgreSQL runs in <see cref="PostgresSchema"/>, made afresh.</summary>
    /// <param name="builder">The workflow builder.</param>
    /// <param name="kind">The store.</param>
    /// <param name="connection">The connection string, or <see langword="null"/> for the default (SQLite only).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection is missing for PostgreSQL, or names an SQLite file that already exists.</exception>
    public static async Task<IGrievanceWorkflowBuilder> UseFreshAsync(IGrievanceWorkflowBuilder builder, StoreKind kind, string? connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (kind)
        {
            case StoreKind.Sqlite:
                var file = SqliteFile(connection);
                if (connection is null)
                {
                    foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                    {
                        File.Delete(path);
                    }
                }
                else if (File.Exists(file))
                {
                    throw new ArgumentException($"The SQLite file {Path.GetFullPath(file)} already exists; the simulator starts from an empty database, so name a new file (or leave --connection out to use {DefaultSqliteFile}, made afresh).", nameof(connection));
                }

                // A simulation can be run again: commits need not survive a power cut, which makes them several times faster.
                return builder.UseSqliteStore(connection ?? DefaultSqliteConnection, o => o.Synchronous = SqliteSynchronous.Normal);
            case StoreKind.Postgres:
                if (string.IsNullOrWhiteSpace(connection))
                {
                    throw new ArgumentException("--store postgres needs --connection \"Host=…;Database=…;Username=…;Password=…\".", nameof(connection));
                }

                await using (var source = Npgsql.NpgsqlDataSource.Create(connection))
                await using (var command = source.CreateCommand($"DROP SCHEMA IF EXISTS {PostgresSchema} CASCADE; CREATE SCHEMA {PostgresSchema};"))
                {
                    await command.ExecuteNonQueryAsync();
                }

                return builder.UsePostgreSqlStore(new Npgsql.NpgsqlConnectionStringBuilder(connection) { SearchPath = PostgresSchema }.ConnectionString);
            default:
                return builder.UseInMemoryStore(); // the simulator's own run: its report is the output, nothing is kept
        }
    }

    /// <summary>
    /// Uses the store as it is (created when missing): an import adds to it, and run again skips what is in. By default it is
    /// <see cref="DefaultImportFile"/> or the schema <see cref="ImportSchema"/>, which no simulation touches.
    /// </summary>
    /// <param name="builder">The workflow builder.</param>
    /// <param name="kind">SQLite or PostgreSQL.</param>
    /// <param name="connection">The connection string, or <see langword="null"/> for the default SQLite file.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection is missing for PostgreSQL, or the store keeps nothing.</exception>
    public static IGrievanceWorkflowBuilder UseKept(IGrievanceWorkflowBuilder builder, StoreKind kind, string? connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return kind switch
        {
            StoreKind.Sqlite => builder.UseSqliteStore(connection ?? $"Data Source={DefaultImportFile}"),
            StoreKind.Postgres when !string.IsNullOrWhiteSpace(connection) => builder.UsePostgreSqlStore(new Npgsql.NpgsqlConnectionStringBuilder(connection) { SearchPath = ImportSchema }.ConnectionString),
            StoreKind.Postgres => throw new ArgumentException("--store postgres needs --connection \"Host=…;Database=…;Username=…;Password=…\".", nameof(connection)),
            _ => throw new ArgumentException("The in-memory store keeps nothing to import into.", nameof(kind)),
        };
    }

    private static string SqliteFile(string? connection) => new SqliteConnectionStringBuilder(connection ?? DefaultSqliteConnection).DataSource;
}
