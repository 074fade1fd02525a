using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Sweeping;

namespace Grievance.Workflow.Storage.Sql;

// Work queues and due work, keyset-paged by row values.
internal sealed partial class SqlStore
{
    public async ValueTask<IReadOnlyList<DueWorkItem>> FindDueAsync(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, CancellationToken cancellationToken)
    {
        var (sql, parameters) = DueQuery(kind, dueBy, limit, after, _dialect.IndexHint);
        if (_dialect.DueReadSettings.Length == 0)
        {
            return await ReadManyAsync(sql, c => Bind(c, parameters), ReadDueWork, cancellationToken).ConfigureAwait(false);
        }

        // As a claim's read: in a transaction that starts with the dialect's settings for it, so the page comes in index order.
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginDueReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var due = await ReadManyAsync(connection, transaction, sql, c => Bind(c, parameters), ReadDueWork, cancellationToken).ConfigureAwait(false);
        await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        return due;
    }

    /// <summary>A complainant's grievances from a registration time, newest first: a search of <c>grievances_complainant</c>, read backwards.</summary>
    internal static readonly string ByComplainant =
        $"SELECT {SqlColumns.Grievance} FROM grievances WHERE complainant_id = @complainant AND registered_at >= @from ORDER BY registered_at DESC, id DESC LIMIT @limit";

    public async ValueTask<IReadOnlyList<GrievanceSnapshot>> FindByComplainantAsync(string complainantId, DateTimeOffset registeredFrom, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(complainantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, GrievanceLimits.MaxBatchSize);
        return await ReadManyAsync(
            ByComplainant,
            c =>
            {
                SqlColumns.Add(c, "complainant", complainantId);
                SqlColumns.Add(c, "from", registeredFrom.UtcTicks);
                SqlColumns.Add(c, "limit", limit);
            },
            SqlColumns.ReadGrievance,
            cancellationToken).ConfigureAwait(false);
    }

    private static DueWorkItem ReadDueWork(DbDataReader r) => new(new GrievanceId(Guid.ParseExact(r.GetString(0), "N")), SqlColumns.Time(r, 1)!.Value, r.GetInt64(2), r.GetInt64(3));

    private static void Bind(DbCommand command, List<(string Name, object? Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            SqlColumns.Add(command, name, value);
        }
    }

    /// <summary>Refuses a due-work read of an unknown kind or of fewer than one item, before anything is opened.</summary>
    internal static void ValidateDue(DueWorkKind kind, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (kind is not (DueWorkKind.OfficerDeadline or DueWorkKind.FeedbackWindow))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown due-work kind.");
        }
    }

    /// <summary>
    /// The due-work query: its SQL and parameters (apart, so tests can read its plan). Officer deadlines are read from a partial
    /// index that holds only pending, not yet flagged grievances, so flagged defaulters are never read again, and feedback windows
    /// from one that holds only grievances awaiting feedback; each predicate is written out literally, as a partial index needs,
    /// and SQLite is told the index (without statistics it prefers an equality on another index's status and a sort).
    /// </summary>
    /// <param name="kind">Which timer.</param>
    /// <param name="dueBy">The moment the timers must have run out by.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="after">The keyset cursor.</param>
    /// <param name="indexHint">The dialect's index hint (<see cref="SqlDialect.IndexHint"/>).</param>
    /// <param name="unclaimedLocking">For a claim: leave out what another claimant holds, and end with this locking clause.</param>
    /// <param name="whole">Read the grievances' whole rows (<see cref="SqlColumns.Grievance"/>) instead of the items' four columns.</param>
    internal static (string Sql, List<(string Name, object? Value)> Parameters) DueQuery(
        DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, Func<string, string> indexHint, string? unclaimedLocking = null, bool whole = false)
    {
        ValidateDue(kind, limit);
        var (column, filter, hint) = kind == DueWorkKind.OfficerDeadline
            ? ("due_at", SqlDialect.OfficerDeadlinePredicate, indexHint("grievances_officer_due"))
            : ("feedback_due_at", SqlDialect.AwaitingFeedbackPredicate, indexHint("grievances_feedback_deadline"));
        var parameters = new List<(string Name, object? Value)> { ("due_by", dueBy.UtcTicks), ("limit", limit) };

        // A row-value comparison: both engines seek the index to it, where the OR form is filtered row by row.
        var keyset = string.Empty;
        if (after is { } cursor)
        {
            keyset = $" AND ({column}, id) > (@after_due, @after_id)";
            parameters.Add(("after_due", cursor.DueAt.UtcTicks));
            parameters.Add(("after_id", SqlColumns.Id(cursor.GrievanceId)));
        }

        var unclaimed = unclaimedLocking is null
            ? string.Empty
            : " AND NOT EXISTS (SELECT 1 FROM due_claims c WHERE c.grievance_id = grievances.id AND c.timer_token = grievances.timer_token AND c.claimed_until > @due_by)";
        var select = whole ? SqlColumns.Grievance : $"id, {column}, timer_token, version";
        return ($"SELECT {select} FROM grievances{hint} WHERE {filter} AND {column} <= @due_by{keyset}{unclaimed} ORDER BY {column}, id LIMIT @limit{unclaimedLocking}", parameters);
    }

    public async ValueTask<IReadOnlyList<GrievanceSnapshot>> FindGrievancesAsync(GrievanceFilter filter, int limit, GrievancePageCursor? after, CancellationToken cancellationToken)
    {
        if (filter is { Status: GrievanceStatus.Closed } && (filter.Order == GrievanceOrder.DueTime || filter.DueBefore is not null))
        {
            // Closure clears the due time (and an import of a closed grievance with one is refused), so no closed grievance has
            // one; no index keeps closed grievances by due time either, so the query would read every closed row to find none.
            return Array.Empty<GrievanceSnapshot>();
        }

        var (sql, parameters) = QueueQuery(filter, limit, after, _dialect.IndexHint);
        return await ReadManyAsync(sql, c => Bind(c, parameters), SqlColumns.ReadGrievance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The work-queue query for a filter, order and cursor: its SQL and parameters (apart, so tests can read its plan).</summary>
    /// <param name="filter">The queue.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="after">The keyset cursor.</param>
    /// <param name="indexHint">The dialect's index hint (<see cref="SqlDialect.IndexHint"/>), for a department's queue and an officer's pending queue in due order.</param>
    internal static (string Sql, List<(string Name, object? Value)> Parameters) QueueQuery(GrievanceFilter filter, int limit, GrievancePageCursor? after, Func<string, string> indexHint)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (after is { } given && given.Order != filter.Order)
        {
            throw new ArgumentException($"The cursor was read in {given.Order} order; the filter asks for {filter.Order}.", nameof(after));
        }

        var key = filter.Order switch
        {
            GrievanceOrder.RegistrationTime => "registered_at",
            GrievanceOrder.DueTime => "due_at",
            GrievanceOrder.DisposalTime => "disposed_at",
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Order, "Unknown grievance order."),
        };
        var conditions = new List<string>();
        var parameters = new List<(string Name, object? Value)>();
        void Match(bool present, string condition, string name, object? value)
        {
            if (present)
            {
                conditions.Add(condition);
                parameters.Add((name, value));
            }
        }

        if (filter.Status is { } status)
        {
            // A literal, not a parameter: a planner can then use a partial index whose condition is the status (an officer's pending
            // queue), and, for an open status, the indexes of open grievances (their condition stated beside it).
            conditions.Add(SqlDialect.StatusAndOpenness(status));
        }

        Match(filter.Department is not null, "department = @department", "department", filter.Department?.Value);
        Match(filter.Officer is not null, "officer = @officer", "officer", filter.Officer?.Value);
        Match(filter.Level is not null, "level = @level", "level", filter.Level);
        Match(filter.Channel is not null, "channel = @channel", "channel", filter.Channel?.Code);
        Match(filter.Category is not null, "category = @category", "category", filter.Category);
        Match(filter.District is not null, "district = @district", "district", filter.District);
        Match(filter.RegisteredFrom is not null, "registered_at >= @registered_from", "registered_from", filter.RegisteredFrom?.UtcTicks);
        Match(filter.RegisteredBefore is not null, "registered_at < @registered_before", "registered_before", filter.RegisteredBefore?.UtcTicks);
        Match(filter.DueBefore is not null, "due_at < @due_before", "due_before", filter.DueBefore?.UtcTicks);
        if (filter.Order != GrievanceOrder.RegistrationTime)
        {
            conditions.Add($"{key} IS NOT NULL");
        }

        if (after is { } cursor)
        {
            conditions.Add($"({key}, id) > (@after_key, @after_id)"); // a row value: an index seek, not a filter
            parameters.Add(("after_key", cursor.Position.UtcTicks));
            parameters.Add(("after_id", SqlColumns.Id(cursor.Id)));
        }

        parameters.Add(("limit", limit));
        var where = conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);
        var hint = filter switch
        {
            { Department: not null, Status: not null, Officer: null, Order: GrievanceOrder.DueTime } => indexHint("grievances_department_due"),
            { Officer: not null, Status: GrievanceStatus.PendingWithOfficer, Order: GrievanceOrder.DueTime } => indexHint("grievances_officer_pending"),
            // Closed grievances are in no index that leads with the status but the disposal-time one, which a planner without
            // statistics would take for the status and then sort every closed row: the registration order's own index instead.
            { Status: GrievanceStatus.Closed, Order: GrievanceOrder.RegistrationTime } => indexHint(filter switch
            {
                { Officer: not null } => "grievances_officer_registered",
                { Department: not null } => "grievances_department_registered",
                { District: not null } => "grievances_district_registered",
                _ => "grievances_registered",
            }),
            _ => string.Empty,
        };
        return ($"SELECT {SqlColumns.Grievance} FROM grievances{hint}{where} ORDER BY {key}, id LIMIT @limit", parameters);
    }
}
