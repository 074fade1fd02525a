using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>What differs between the SQL engines the adapters support. Source shared by the adapters, not a public API.</summary>
internal abstract class SqlDialect
{
    /// <summary>Gets the schema, one script per version; version n is <c>Migrations[n - 1]</c>.</summary>
    public abstract string[] Migrations { get; }

    /// <summary>
    /// Gets the statements, run in one transaction before the outbox is read, that give positions to the events committed since the
    /// last run, in the order they were inserted ("" when positions are given at insert, because writers are serialized anyway).
    /// </summary>
    public virtual string OutboxSequencer => string.Empty;

    /// <summary>Gets a statement that serializes schema migrations across processes until commit ("" when not needed).</summary>
    public abstract string MigrationLock { get; }

    /// <summary>The query that lists the grievance table's non-unique secondary indexes: name, then the statement that creates it.</summary>
    public abstract string SecondaryIndexesQuery { get; }

    /// <summary>A statement run in each index build's transaction before it (PostgreSQL: memory for its sort), or empty.</summary>
    public virtual string IndexBuildSettings => string.Empty;

    /// <summary>
    /// Gets the settings the transaction of a read of due work starts with — a claim's, and a plain read's (<c>FindDueAsync</c>)
    /// when there are any — or "" for none. The read wants the due index's order and stops at the page's end; a planner that
    /// expects the page to hold every due row after the cursor may read them all and sort them instead. The default is "": a plain
    /// read then runs without a transaction of its own.
    /// </summary>
    public virtual string DueReadSettings => string.Empty;

    /// <summary>The statement that holds writers off while the rollups are computed again from the rows, or empty (SQLite: one writer).</summary>
    public virtual string RollupRebuildLock => string.Empty;

    /// <summary>The table where indexes taken down for an import keep their definitions (schema version 13).</summary>
    public const string DeferredIndexes = "CREATE TABLE deferred_indexes (name TEXT NOT NULL PRIMARY KEY, definition TEXT NOT NULL);";

    /// <summary>Gets a clause appended to a SELECT that locks the rows read until commit, so two writers never pick the same ones ("" when writers are serialized anyway).</summary>
    public abstract string LockRows { get; }

    /// <summary>
    /// What follows a table in <c>FROM</c> to make the engine read the named index, or empty when its planner needs no telling.
    /// SQLite's planner, without statistics, would take a status index for the sweep's deadlines, a department's and an officer's
    /// queues and the scorecards' deadlines of the day, and breaks ties between equally good indexes by the order they were created
    /// in, which a first load's rebuild changes: the queries whose plans matter name their index through this.
    /// </summary>
    /// <param name="index">The index.</param>
    /// <returns>The hint.</returns>
    public virtual string IndexHint(string index) => NoIndexHint(index);

    /// <summary>No hint, whatever the index: for an engine whose planner picks by statistics.</summary>
    /// <param name="index">The index.</param>
    /// <returns>An empty string.</returns>
    public static string NoIndexHint(string index) => string.Empty;

    /// <summary>
    /// A condition on the status, with the status written as a literal: a partial index whose condition is a status serves only
    /// queries that state that condition the same way, never a parameter (which a planner cannot match to it).
    /// </summary>
    /// <param name="status">The status.</param>
    /// <returns>For example <c>status = 2</c>.</returns>
    public static string StatusIs(GrievanceStatus status) => $"status = {((int)status).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The officer-deadline sweep's filter, written out as the partial index <c>grievances_officer_due</c> (version 6) states it.</summary>
    public static readonly string OfficerDeadlinePredicate = $"{StatusIs(GrievanceStatus.PendingWithOfficer)} AND is_overdue = FALSE";

    // Version 6: the sweep reads pending, unflagged deadlines from an index that leaves flagged defaulters out.
    protected static readonly string OfficerDueIndex = $"CREATE INDEX grievances_officer_due ON grievances (due_at, id) WHERE {OfficerDeadlinePredicate};";

    // Version 5: each command id's fingerprint (a hash of the whole command), so a reused id is told from a retry.
    protected const string CommandFingerprints = "ALTER TABLE history ADD COLUMN command_fingerprint TEXT NULL;";

    // Version 7: claims on due work, so that sweepers on several nodes share it out instead of racing on the same rows, and a lease
    // per outbox handler, so that one node at a time delivers a handler's events and another takes over when it stops.
    protected const string ClaimsAndLeases = """
        CREATE TABLE due_claims (grievance_id TEXT NOT NULL PRIMARY KEY, timer_token BIGINT NOT NULL, claimed_until BIGINT NOT NULL, claimant TEXT NOT NULL);
        CREATE TABLE outbox_leases (handler TEXT NOT NULL PRIMARY KEY, holder TEXT NOT NULL, held_until BIGINT NOT NULL);
        """;

    // Version 8: a department's defaulters (and its pending queue in due order) from an index that starts with the department, so a
    // dashboard filtered to a department (and a district within it) reads that department's pending rows only, not every one.
    protected const string DepartmentDueIndex = "CREATE INDEX grievances_department_due ON grievances (department, status, due_at, id);";

    // Version 4, the same on every engine: indexes for the work queues (an officer's queue in due order, any status in due or
    // disposal order), the registration period of scorecards, the district filter and the retention job. Every index on a column
    // a command changes costs each write, so earlier ones give way.
    protected const string QueueAndStatisticsIndexes = """
        DROP INDEX grievances_officer_deadline;
        DROP INDEX grievances_department_queue;
        DROP INDEX grievances_department_registered;
        CREATE INDEX grievances_department_registered ON grievances (department, registered_at, id);
        CREATE INDEX grievances_officer_queue ON grievances (officer, status, due_at, id);
        CREATE INDEX grievances_status_due ON grievances (status, due_at, id);
        CREATE INDEX grievances_status_disposed ON grievances (status, disposed_at, id);
        CREATE INDEX grievances_registered ON grievances (registered_at, id);
        CREATE INDEX grievances_district_registered ON grievances (district, registered_at, id);
        CREATE INDEX grievances_retention ON grievances (closed_at, id) WHERE complainant_id <> 'anonymized';
        """;

    /// <summary>
    /// Drops an index a later version replaces, whether it exists or a first load took it down (its definition then waits in
    /// <c>deferred_indexes</c> and goes too, so that the load's rebuild does not bring the old one back).
    /// </summary>
    private static string DropIndex(string name) => $"DROP INDEX IF EXISTS {name};\nDELETE FROM deferred_indexes WHERE name = '{name}';";

    /// <summary>The condition of <c>grievances_officer_pending</c> (version 14), which an officer's pending queue states as written here so that the planner can use the index.</summary>
    public static readonly string OfficerPendingPredicate = StatusIs(GrievanceStatus.PendingWithOfficer);

    // Version 14: an officer's pending queue from a partial index of the grievances pending with officers, and an officer's
    // grievances of any status from an index by registration, instead of one index on (officer, status, due_at): neither key holds
    // the status, so a grievance's entries stay put as it moves through disposal, feedback and closure (every status change used to
    // move its entry, one random page per officer). The old index's definition goes from deferred_indexes too, so that a first load
    // interrupted before this version does not build it again.
    protected static readonly string OfficerIndexes = $"""
        {DropIndex("grievances_officer_queue")}
        CREATE INDEX grievances_officer_pending ON grievances (officer, due_at, id) WHERE {OfficerPendingPredicate};
        CREATE INDEX grievances_officer_registered ON grievances (officer, registered_at, id);
        """;

    /// <summary>The condition of <c>grievances_feedback_deadline</c> (version 15 on SQLite, 16 on PostgreSQL), which the feedback-window sweep states as written here.</summary>
    public static readonly string AwaitingFeedbackPredicate = StatusIs(GrievanceStatus.AwaitingFeedback);

    /// <summary>The condition of <c>grievances_retention</c> (the same versions), which the retention job states as written here.</summary>
    public static readonly string RetentionPredicate = $"closed_at IS NOT NULL AND complainant_id <> '{Complainant.AnonymizedId}'";

    // Version 15 on SQLite, 16 on PostgreSQL: two indexes narrowed to the rows their readers read. The feedback-window sweep reads
    // grievances awaiting feedback only, and the retention job closed ones only, yet every grievance had an entry in both; on
    // PostgreSQL, where an update that changes an indexed column adds an entry to every index, each update of an open grievance
    // wrote two entries for nothing (a page of 1,000 defaulters flagged: ~17,500 WAL records before, ~15,300 after). As in version
    // 14, the old definitions leave deferred_indexes too, so that an interrupted first load does not build them again.
    protected static readonly string NarrowerIndexes = $"""
        {DropIndex("grievances_feedback_deadline")}
        CREATE INDEX grievances_feedback_deadline ON grievances (feedback_due_at, id) WHERE {AwaitingFeedbackPredicate};
        {DropIndex("grievances_retention")}
        CREATE INDEX grievances_retention ON grievances (closed_at, id) WHERE {RetentionPredicate};
        """;

    /// <summary>
    /// The condition of the indexes that hold open grievances only (version 16 on SQLite, 17 on PostgreSQL): a query of an open
    /// status states it as written here beside its status, so that SQLite's planner, which matches a partial index's condition by
    /// its terms, can use them (PostgreSQL proves it from the status alone).
    /// </summary>
    public static readonly string OpenPredicate = $"status <> {((int)GrievanceStatus.Closed).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A condition on the status, as <see cref="StatusIs"/>, with <see cref="OpenPredicate"/> beside it for an open status.</summary>
    /// <param name="status">The status.</param>
    /// <param name="alias">The table's alias with its dot (<c>g.</c>), or empty.</param>
    /// <returns>For example <c>status = 2 AND status &lt;&gt; 4</c>; for the closed status <c>status = 4</c>.</returns>
    public static string StatusAndOpenness(GrievanceStatus status, string alias = "")
        => status == GrievanceStatus.Closed ? alias + StatusIs(status) : $"{alias}{StatusIs(status)} AND {alias}{OpenPredicate}";

    // Version 16 on SQLite, 17 on PostgreSQL: the three indexes that lead with the status and serve work queues of open grievances
    // (by status, a department's in due order) hold open grievances only. Closed grievances are most of a desk's rows and closure
    // is final, so a closure now only takes its entries out instead of moving each to a random page among the closed ones (SQLite,
    // 1,000,000 grievances, a sweep of 10,000 closures: 2.2–2.4 s before, 1.45–1.9 s after); on PostgreSQL, where an update that
    // changes an indexed column adds an entry to every index whose condition the new row meets, a closure writes three entries
    // fewer. A queue of closed grievances reads a registration index (most rows qualify) or the disposal-time one.
    protected static readonly string OpenIndexes = $"""
        {DropIndex("grievances_status_due")}
        CREATE INDEX grievances_status_due ON grievances (status, due_at, id) WHERE {OpenPredicate};
        {DropIndex("grievances_status_registered")}
        CREATE INDEX grievances_status_registered ON grievances (status, registered_at, id) WHERE {OpenPredicate};
        {DropIndex("grievances_department_due")}
        CREATE INDEX grievances_department_due ON grievances (department, status, due_at, id) WHERE {OpenPredicate};
        """;

    // Version 17 on SQLite, 18 on PostgreSQL: grievances_status_disposed holds the disposed grievances only. Its readers list
    // grievances in disposal order, which leaves out those with no disposal time anyway (the queue query says so), yet every
    // registration, routing and deadline wrote an entry for a grievance not yet disposed; on PostgreSQL flagging a defaulter,
    // which rewrites an entry in every index its row is in, now writes one fewer.
    protected static readonly string DisposedIndex = $"""
        {DropIndex("grievances_status_disposed")}
        CREATE INDEX grievances_status_disposed ON grievances (status, disposed_at, id) WHERE disposed_at IS NOT NULL;
        """;

    /// <summary>Called after each of the store's transactions commits, on the committing thread: must return at once.</summary>
    /// <remarks>The default does nothing; SQLite starts a background checkpoint from it.</remarks>
    public virtual void Committed()
    {
    }

    /// <summary>
    /// Inserts many rows into a table within the transaction. The default reuses one compiled INSERT for every row; a dialect with
    /// a bulk path (PostgreSQL's binary <c>COPY</c>) overrides it.
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The transaction.</param>
    /// <param name="table">The table.</param>
    /// <param name="columns">The columns, comma-separated, in the order of each row's values.</param>
    /// <param name="rows">The rows' values: <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="bool"/> or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when inserted.</returns>
    public virtual async ValueTask BulkInsertAsync(DbConnection connection, DbTransaction transaction, string table, string columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        // One row per statement, compiled once (SqlStatements, bound by position where the dialect compiles): Microsoft.Data.Sqlite
        // binds parameters by name, so a statement of many rows binds in quadratic time (measured: 2.8× slower with 32 rows a statement).
        var names = columns.Split(", ").Select((_, i) => "p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var sql = $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", names.Select(n => "@" + n))})";
        await using var statements = new SqlStatements(connection, transaction, this);
        foreach (var row in rows)
        {
            await statements.ExecuteAsync(sql, names, row, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Gets an expression for "is in the list bound to <c>@name</c>", with <see cref="AddList"/> binding the list as one parameter —
    /// one statement text, whatever the list's length. The default binds a JSON array and reads it with <c>json_each</c> (SQLite).
    /// </summary>
    /// <param name="name">The parameter's name, without <c>@</c>.</param>
    /// <returns>The SQL to follow a column, such as <c>IN (SELECT value FROM json_each(@ids))</c>.</returns>
    public virtual string InList(string name) => $"IN (SELECT value FROM json_each(@{name}))";

    /// <summary>Binds a list of text for <see cref="InList"/>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="name">The parameter's name, without <c>@</c>.</param>
    /// <param name="values">The values.</param>
    public virtual void AddList(DbCommand command, string name, IReadOnlyList<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        SqlColumns.Add(command, name, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>
    /// Gets how many rows a busy scorecard rollup key is spread over (see <see cref="ScorecardRollups"/>): 1 where writers are
    /// serialized anyway, more where concurrent writers would otherwise queue on one row.
    /// </summary>
    public virtual int RollupShards => 1;

    /// <summary>
    /// Gets one statement that runs two writes, so that they cost one round trip, or <see langword="null"/> where statements are
    /// not sent over a network (the default: SQLite runs them one after the other).
    /// </summary>
    /// <param name="first">The first write.</param>
    /// <param name="second">The second write.</param>
    /// <returns>The combined statement, or <see langword="null"/>.</returns>
    public virtual string? CombineWrites(string first, string second) => null;

    /// <summary>
    /// Gets whether a batch of statements sent outside a transaction runs as one transaction of its own: committed once its last
    /// statement has run, rolled back whole when one fails (<see cref="SqlStatements.OwnTransaction"/>). A write then takes one
    /// round trip, with no <c>BEGIN</c> or <c>COMMIT</c> of its own.
    /// </summary>
    /// <value>The default is <see langword="false"/>; PostgreSQL says <see langword="true"/> (Npgsql ends a batch with one Sync).</value>
    public virtual bool BatchIsItsOwnTransaction => false;

    /// <summary>
    /// Gets how many groups of writes may be at the server at once (<see cref="WriteGroups"/>): beyond the first, a group of two or
    /// more writes only, sent while the others run — their statements beside another's flush to disk.
    /// </summary>
    /// <value>
    /// The default is 1: SQLite writes one transaction at a time, and a second group would wait for the file's lock. PostgreSQL says 2.
    /// </value>
    public virtual int WriteGroupPlaces => 1;

    /// <summary>
    /// Gets a statement that runs <paramref name="update"/>, which changes one row at most, and fails when it changes none (the
    /// failure <see cref="IsUnchanged"/> tells), so that a batch that is its own transaction stops there and writes nothing: what
    /// a conditional write needs where no one reads its row count before the commit. A dialect that says
    /// <see cref="BatchIsItsOwnTransaction"/> provides it.
    /// </summary>
    /// <param name="update">An <c>UPDATE</c> without <c>RETURNING</c>.</param>
    /// <returns>The statement.</returns>
    /// <exception cref="NotSupportedException">The dialect has no such statement.</exception>
    public virtual string FailUnlessChanged(string update)
        => throw new NotSupportedException($"{GetType().Name} has no statement that fails an update that changes nothing.");

    /// <summary>Gets whether an exception is the failure of a statement of <see cref="FailUnlessChanged"/> that changed nothing.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns><see langword="true"/> if the update changed nothing.</returns>
    public virtual bool IsUnchanged(DbException exception) => false;

    /// <summary>
    /// Gets whether an exception is the server's refusal of a statement of a batch that is its own transaction
    /// (<see cref="BatchIsItsOwnTransaction"/>), so that nothing of the batch was written: not a lost connection or a cancellation,
    /// after which the batch may have been written or not.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <returns><see langword="true"/> if the batch wrote nothing.</returns>
    public virtual bool WroteNothing(DbException exception) => false;

    /// <summary>Gets whether the dialect binds many rows as one parameter (<see cref="RowsOf"/>, <see cref="AddRows"/>).</summary>
    /// <value>The default is <see langword="false"/>; PostgreSQL says <see langword="true"/> (typed arrays read with <c>unnest</c>).</value>
    public virtual bool BindsRows => false;

    /// <summary>
    /// Gets a SELECT of the rows that <see cref="AddRows"/> binds under <paramref name="name"/>, in <paramref name="columns"/>' order:
    /// many rows in one statement, one statement text whatever their number. A dialect that says <see cref="BindsRows"/> provides
    /// it; the base has no form of its own.
    /// </summary>
    /// <param name="name">The parameter's name, without <c>@</c>.</param>
    /// <param name="columns">The type of each column.</param>
    /// <returns>The SELECT, usable as the source of an <c>INSERT … ON CONFLICT</c>.</returns>
    /// <exception cref="NotSupportedException">The dialect binds no rows as one parameter.</exception>
    public virtual string RowsOf(string name, IReadOnlyList<RowColumn> columns)
        => throw new NotSupportedException($"{GetType().Name} binds no rows as one parameter.");

    /// <summary>Binds rows for <see cref="RowsOf"/>, which a dialect that provides one provides too.</summary>
    /// <param name="command">The command.</param>
    /// <param name="name">The parameter's name, without <c>@</c>.</param>
    /// <param name="columns">The type of each column.</param>
    /// <param name="values">The values, column by column: an <see cref="int"/>, <see cref="long"/> or <see cref="string"/> array for each, as its type says, all of one length.</param>
    /// <exception cref="NotSupportedException">The dialect binds no rows as one parameter.</exception>
    public virtual void AddRows(DbCommand command, string name, IReadOnlyList<RowColumn> columns, IReadOnlyList<Array> values)
        => throw new NotSupportedException($"{GetType().Name} binds no rows as one parameter.");

    /// <summary>
    /// Gets whether the scorecard rollups write each changed row with a statement of its own, compiled once and run again with the
    /// row's values, rather than every row in one statement that reads them from one parameter (<see cref="RowsOf"/>).
    /// </summary>
    /// <value>
    /// The default is <see langword="true"/> unless the dialect <see cref="BindsRows"/>. SQLite says <see langword="true"/>: reading
    /// a value out of JSON there costs ~0.7 µs, so binding a row's values directly is 2.5× cheaper (2,200 rows of 27 values: ~17 ms
    /// against ~42 ms), and a sweep of closures writes two to three rollup rows per grievance.
    /// </value>
    public virtual bool WritesRollupsRowByRow => !BindsRows;

    /// <summary>
    /// Compiles a statement to run again and again within the connection's transaction with values bound by position, or returns
    /// <see langword="null"/> where the driver's commands serve as well (the default).
    /// </summary>
    /// <param name="connection">The open connection, in a transaction.</param>
    /// <param name="sql">The statement; its parameters are named <c>@name</c>.</param>
    /// <returns>The compiled statement, which the caller disposes, or <see langword="null"/>.</returns>
    public virtual IBoundStatement? Compile(DbConnection connection, string sql) => null;

    /// <summary>
    /// The statement with its named parameters (<c>@name</c>) made positional in the order of <paramref name="names"/>, where the
    /// driver then sends it as it is instead of parsing it at every execution; <see langword="null"/> where parameters are bound by
    /// name (the default). A text must always come with the same names, in the same order.
    /// </summary>
    /// <param name="sql">The statement; its parameters are named <c>@name</c>.</param>
    /// <param name="names">The names bound to it, without <c>@</c>, in the order their values are bound.</param>
    public virtual string? Positional(string sql, IReadOnlyList<string> names) => null;

    /// <summary>Gets whether a transaction's statements run one command object again with new parameter values (see <c>SqlStatements</c>).</summary>
    /// <value>The default is <see langword="false"/>: a new command for each use.</value>
    public virtual bool ReusesCommands => false;

    /// <summary>Gets whether <see cref="SaveInOneRoundTripAsync"/> is supported: a client–server engine, where a round trip per statement is the cost.</summary>
    public virtual bool SavesInOneRoundTrip => false;

    /// <summary>
    /// Writes changes (none with a command id) within the transaction in one round trip: each change one statement that updates the
    /// grievance row at its expected version and, only when it did, inserts its history row and outbox rows.
    /// </summary>
    /// <returns>For each change, whether it was written (its version check held).</returns>
    public virtual ValueTask<bool[]> SaveInOneRoundTripAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<GrievanceChange> changes, CancellationToken cancellationToken)
        => throw new NotSupportedException("This engine writes a batch statement by statement.");

    /// <summary>Opens a connection, ready for use.</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a write transaction.</summary>
    public abstract ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Tells whether an error is a unique-key violation, and on which constraint or column (as the engine names it).</summary>
    public abstract bool IsUniqueViolation(DbException exception, out string what);
}
