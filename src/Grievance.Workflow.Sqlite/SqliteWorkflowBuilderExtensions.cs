using System;
using Grievance.Workflow.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Wires the SQLite store into a grievance workflow.</summary>
public static class SqliteWorkflowBuilderExtensions
{
    /// <summary>Uses an SQLite file as the store (a singleton), for example <c>.UseSqliteStore("Data Source=grievances.db")</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder UseSqliteStore(this IGrievanceWorkflowBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseStore(_ => new SqliteGrievanceStore(connectionString));
    }

    /// <summary>Uses an SQLite file as the store (a singleton), with options.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder UseSqliteStore(this IGrievanceWorkflowBuilder builder, string connectionString, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqliteStoreOptions();
        configure(options);
        return builder.UseStore(_ => new SqliteGrievanceStore(connectionString, options));
    }
}
