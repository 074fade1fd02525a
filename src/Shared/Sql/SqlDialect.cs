using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>What differs between the SQL engines the adapters support. Source shared by the adapters, not a public API.</summary>
internal abstract class SqlDialect
{
    /// <summary>Gets the schema, one script per version; version n is <c>Migrations[n - 1]</c>.</summary>
    public abstract string[] Migrations { get; }

    /// <summary>Gets a statement that serializes outbox appends until commit, so positions become visible in order ("" when writers are serialized anyway).</summary>
    public abstract string OutboxLock { get; }

    /// <summary>Gets a statement that serializes schema migrations across processes until commit ("" when not needed).</summary>
    public abstract string MigrationLock { get; }

    /// <summary>Opens a connection, ready for use.</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a write transaction.</summary>
    public abstract ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Tells whether an error is a unique-key violation, and on which constraint or column (as the engine names it).</summary>
    public abstract bool IsUniqueViolation(DbException exception, out string what);
}
