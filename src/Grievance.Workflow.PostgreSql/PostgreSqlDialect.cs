using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Storage.Sql;
using Npgsql;

namespace Grievance.Workflow.PostgreSql;

/// <summary>
/// PostgreSQL: concurrent writers, so outbox appends take a transaction-scoped advisory lock (held until commit) and positions
/// become visible in the order they were given out; ids are compared byte-wise (<c>COLLATE "C"</c>) so keyset paging is stable.
/// </summary>
internal sealed class PostgreSqlDialect : SqlDialect
{
    private const string Schema1 = """
        CREATE TABLE grievances (
            id text COLLATE "C" NOT NULL PRIMARY KEY,
            reference_number text NOT NULL CONSTRAINT grievances_reference_number_key UNIQUE,
            channel text NOT NULL, category text NOT NULL, sub_category text NULL,
            district text NOT NULL, tehsil text NULL, ward text NULL,
            complainant_id text NOT NULL, description text NOT NULL,
            status integer NOT NULL, outcome integer NOT NULL, level integer NOT NULL,
            department text NULL, officer text NULL, reopen_counts text NOT NULL,
            transfer_count integer NOT NULL, unreachable_attempts integer NOT NULL,
            registered_at bigint NOT NULL, updated_at bigint NOT NULL, due_at bigint NULL, feedback_due_at bigint NULL,
            timer_token bigint NOT NULL, is_overdue boolean NOT NULL, disposed_at bigint NULL, paused_at bigint NULL,
            extension_count integer NOT NULL, closed_at bigint NULL, rejection_reason_code text NULL, duplicate_of text NULL,
            version bigint NOT NULL);
        CREATE INDEX grievances_officer_deadline ON grievances (status, is_overdue, due_at, id);
        CREATE INDEX grievances_feedback_deadline ON grievances (status, feedback_due_at, id);
        CREATE INDEX grievances_department_queue ON grievances (department, officer, status, due_at);
        CREATE TABLE history (
            grievance_id text COLLATE "C" NOT NULL, sequence bigint NOT NULL, occurred_at bigint NOT NULL,
            actor_role integer NOT NULL, actor_id text NOT NULL, actor_department text NULL, actor_level integer NULL,
            action integer NOT NULL, from_status integer NOT NULL, to_status integer NOT NULL, outcome integer NOT NULL,
            from_level integer NOT NULL, to_level integer NOT NULL, department text NULL, officer text NULL,
            text text NULL, reason_code text NULL, rating integer NULL,
            command_id text NULL CONSTRAINT history_command_id_key UNIQUE,
            PRIMARY KEY (grievance_id, sequence));
        CREATE TABLE contacts (grievance_id text COLLATE "C" NOT NULL PRIMARY KEY, name text NULL, phone text NULL, email text NULL, address text NULL);
        CREATE TABLE outbox (
            position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            grievance_id text COLLATE "C" NOT NULL, reference_number text NOT NULL, sequence bigint NOT NULL, idx integer NOT NULL,
            type integer NOT NULL, occurred_at bigint NOT NULL, channel text NOT NULL, status integer NOT NULL,
            outcome integer NOT NULL, level integer NOT NULL, department text NULL, officer text NULL, due_at bigint NULL);
        CREATE TABLE outbox_checkpoints (handler text NOT NULL PRIMARY KEY, position bigint NOT NULL);
        CREATE TABLE outbox_deliveries (handler text NOT NULL, position bigint NOT NULL, attempts integer NOT NULL, delivered_at bigint NOT NULL, PRIMARY KEY (handler, position));
        """;

    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlDialect(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    // Version 2: indexes for the work-queue queries (by status, by department and officer, oldest registration first).
    private const string Schema2 = """
        CREATE INDEX grievances_status_registered ON grievances (status, registered_at, id);
        CREATE INDEX grievances_department_registered ON grievances (department, officer, registered_at, id);
        """;

    // Version 3: internal notes, left out of what the complainant sees.
    private const string Schema3 = "ALTER TABLE history ADD COLUMN is_internal boolean NOT NULL DEFAULT false;";

    public override string[] Migrations { get; } = [Schema1, Schema2, Schema3, QueueAndStatisticsIndexes, CommandFingerprints, OfficerDueIndex];

    // Fixed keys of transaction-scoped advisory locks ("GRVO" and "GRVM" as integers).
    public override string OutboxLock => "SELECT pg_advisory_xact_lock(1196578383)";

    public override string LockRows => " FOR UPDATE SKIP LOCKED";

    public override string MigrationLock => "SELECT pg_advisory_xact_lock(1196578381)";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
        => await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
        => await ((NpgsqlConnection)connection).BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public override bool IsUniqueViolation(DbException exception, out string what)
    {
        var postgres = exception as PostgresException;
        what = postgres?.ConstraintName ?? string.Empty;
        return postgres?.SqlState == PostgresErrorCodes.UniqueViolation;
    }
}
