using System;
using Grievance.Workflow.PostgreSql;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Wires the PostgreSQL store into a grievance workflow.</summary>
public static class PostgreSqlWorkflowBuilderExtensions
{
    /// <summary>Uses a PostgreSQL database as the store (a singleton, disposed with the container, its connection pool with it).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder UsePostgreSqlStore(this IGrievanceWorkflowBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseStore(_ => new PostgreSqlGrievanceStore(connectionString));
    }

    /// <summary>Uses a PostgreSQL database through a data source the host owns (the container disposes the store, not the data source).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="dataSource">The data source.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder UsePostgreSqlStore(this IGrievanceWorkflowBuilder builder, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UseStore(_ => new PostgreSqlGrievanceStore(dataSource));
    }

    /// <summary>
    /// Uses a PostgreSQL database through the <see cref="NpgsqlDataSource"/> registered in the container, as Npgsql's own
    /// <c>services.AddNpgsqlDataSource(connectionString)</c> registers it: one pool, one configuration, shared with the host's own data access.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Resolving the store throws <see cref="InvalidOperationException"/> when no data source is registered.</remarks>
    public static IGrievanceWorkflowBuilder UsePostgreSqlStore(this IGrievanceWorkflowBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseStore(sp => new PostgreSqlGrievanceStore(sp.GetService<NpgsqlDataSource>()
            ?? throw new InvalidOperationException("UsePostgreSqlStore() takes the NpgsqlDataSource registered in the container, and none is: register one (services.AddNpgsqlDataSource(connectionString) from Npgsql.DependencyInjection, or services.AddSingleton(NpgsqlDataSource.Create(connectionString))) or pass a connection string or a data source.")));
    }
}
