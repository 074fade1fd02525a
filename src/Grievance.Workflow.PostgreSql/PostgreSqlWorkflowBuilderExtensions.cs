using System;
using Grievance.Workflow.DependencyInjection;

namespace Grievance.Workflow.PostgreSql;

/// <summary>Wires the PostgreSQL store into a grievance workflow.</summary>
public static class PostgreSqlWorkflowBuilderExtensions
{
    /// <summary>Uses a PostgreSQL database as the store (a singleton, disposed with the container).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The builder.</returns>
    public static IGrievanceWorkflowBuilder UsePostgreSqlStore(this IGrievanceWorkflowBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseStore(_ => new PostgreSqlGrievanceStore(connectionString));
    }
}
