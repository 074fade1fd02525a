using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// Maps snapshots, history entries and events to and from SQL rows, for every ADO.NET adapter: times as UTC ticks (sortable
/// integers), ids and codes as text, enums as integers. Source shared by the adapters, not a public API.
/// </summary>
internal static class SqlColumns
{
    public const string Grievance = "id, reference_number, channel, category, sub_category, district, tehsil, ward, complainant_id, description, "
        + "status, outcome, level, department, officer, reopen_counts, transfer_count, unreachable_attempts, registered_at, updated_at, due_at, "
        + "feedback_due_at, timer_token, is_overdue, disposed_at, paused_at, extension_count, closed_at, rejection_reason_code, duplicate_of, "
        + "satisfied_feedback, dissatisfied_feedback, tally_flags, version, special_closure_reason_code, likely_duplicates, intake_flag, "
        + "appeal_count, appealed_outcome";

    public const string History = "grievance_id, sequence, occurred_at, actor_role, actor_id, actor_department, actor_level, action, from_status, "
        + "to_status, outcome, from_level, to_level, department, officer, text, reason_code, rating, command_id, is_internal, command_fingerprint";

    public const string Event = "grievance_id, reference_number, sequence, idx, type, occurred_at, channel, status, outcome, level, department, officer, due_at";

    public static string Parameters(string columns, string prefix = "") => string.Join(", ", columns.Split(", ").Select(c => "@" + prefix + c));

    // Fixed at registration (the complainant id changes only by anonymization): never in an update's SET list, so the indexes on
    // them are never touched by an update.
    private static readonly HashSet<string> Immutable = new(StringComparer.Ordinal)
    {
        "id", "reference_number", "channel", "category", "sub_category", "district", "tehsil", "ward", "complainant_id", "description", "registered_at",
    };

    /// <summary>The columns of <see cref="Grievance"/>, one by one.</summary>
    public static readonly string[] GrievanceColumns = Grievance.Split(", ");

    /// <summary>
    /// The columns an update from <paramref name="previous"/> to <paramref name="next"/> writes, as indexes into
    /// <see cref="GrievanceColumns"/>, with the new snapshot's values (<see cref="Values(GrievanceSnapshot)"/>) to bind: only the mutable columns whose values differ (the version always does), so that the engine
    /// rewrites only the index entries of what changed. Without a previous snapshot, every mutable column.
    /// </summary>
    public static (List<int> Columns, object?[] Values) Changed(GrievanceSnapshot? previous, GrievanceSnapshot next)
    {
        var before = previous is null ? null : Values(previous);
        var after = Values(next);
        var changed = new List<int>();
        for (var i = 0; i < GrievanceColumns.Length; i++)
        {
            if (!Immutable.Contains(GrievanceColumns[i]) && (before is null || !Equals(before[i], after[i])))
            {
                changed.Add(i);
            }
        }

        return (changed, after);
    }

    /// <summary>The SET list of an update of <paramref name="columns"/> (see <see cref="Changed"/>).</summary>
    public static string Assignments(List<int> columns) => string.Join(", ", columns.Select(i => $"{GrievanceColumns[i]} = @{GrievanceColumns[i]}"));

    /// <summary>The update of <paramref name="columns"/> of a grievance row still at its expected version (parameters: <see cref="UpdateParameters"/>).</summary>
    public static string Update(List<int> columns) => $"UPDATE grievances SET {Assignments(columns)} WHERE id = @id AND version = @expected_version";

    /// <summary>
    /// The parameters of an update of <paramref name="columns"/> at an expected version, as names (without <c>@</c>) and values:
    /// the id, the columns (see <see cref="Changed"/>), then <c>expected_version</c>.
    /// </summary>
    public static (string[] Names, object?[] Values) UpdateParameters(object?[] values, List<int> columns, long expectedVersion)
    {
        var names = new string[columns.Count + 2];
        var bound = new object?[columns.Count + 2];
        (names[0], bound[0]) = ("id", values[0]);
        for (var i = 0; i < columns.Count; i++)
        {
            (names[i + 1], bound[i + 1]) = (GrievanceColumns[columns[i]], values[columns[i]]);
        }

        (names[^1], bound[^1]) = ("expected_version", expectedVersion);
        return (names, bound);
    }

    /// <summary>A snapshot's values, in <see cref="Grievance"/>'s column order.</summary>
    public static object?[] Values(GrievanceSnapshot g) =>
    [
        Id(g.Id), g.ReferenceNumber.Value, g.Channel.Code, g.Category.Code, g.Category.SubCategory, g.Location.District, g.Location.Tehsil, g.Location.Ward,
        g.ComplainantId, g.Description, (int)g.Status, (int)g.Outcome, g.Level, g.Department?.Value, g.Officer?.Value,
        string.Join(",", g.ReopenCounts.Select(c => c.ToString(CultureInfo.InvariantCulture))), g.TransferCount, g.UnreachableAttempts,
        g.RegisteredAt.UtcTicks, g.UpdatedAt.UtcTicks, g.DueAt?.UtcTicks, g.FeedbackDueAt?.UtcTicks, g.TimerToken, g.IsOverdue,
        g.DisposedAt?.UtcTicks, g.PausedAt?.UtcTicks, g.ExtensionCount, g.ClosedAt?.UtcTicks, g.RejectionReasonCode, g.DuplicateOf?.Value,
        g.Tally.SatisfiedFeedback, g.Tally.DissatisfiedFeedback, TallyFlags(g.Tally), g.Version, g.SpecialClosureReasonCode,
        string.Join('\n', g.LikelyDuplicates.Select(r => r.Value)), g.IntakeFlag, g.AppealCount, (int)g.AppealedOutcome,
    ];

    /// <summary>
    /// The tally's yes/no facts as the bits of <c>tally_flags</c>: reopened 1, escalated 2, breached 4, re-disposed 8, appealed 16,
    /// an appeal upheld 32, an appeal allowed 64.
    /// </summary>
    public static int TallyFlags(GrievanceTally t)
        => (t.Reopened ? ReopenedFlag : 0) | (t.Escalated ? EscalatedFlag : 0) | (t.Breached ? BreachedFlag : 0) | (t.Redisposed ? RedisposedFlag : 0)
            | (t.Appealed ? AppealedFlag : 0) | (t.AppealUpheld ? AppealUpheldFlag : 0) | (t.AppealAllowed ? AppealAllowedFlag : 0);

    public const int ReopenedFlag = 1;
    public const int EscalatedFlag = 2;
    public const int BreachedFlag = 4;
    public const int RedisposedFlag = 8;
    public const int AppealedFlag = 16;
    public const int AppealUpheldFlag = 32;
    public const int AppealAllowedFlag = 64;

    public static string Id(GrievanceId id) => id.Value.ToString("N");

    public static GrievanceSnapshot ReadGrievance(DbDataReader r) => new()
    {
        Id = new GrievanceId(Guid.ParseExact(r.GetString(0), "N")),
        ReferenceNumber = new ReferenceNumber(r.GetString(1)),
        Channel = new Channel(r.GetString(2)),
        Category = new GrievanceCategory(r.GetString(3), Text(r, 4)),
        Location = new GrievanceLocation(r.GetString(5), Text(r, 6), Text(r, 7)),
        ComplainantId = r.GetString(8),
        Description = r.GetString(9),
        Status = (GrievanceStatus)r.GetInt32(10),
        Outcome = (GrievanceOutcome)r.GetInt32(11),
        Level = r.GetInt32(12),
        Department = Text(r, 13) is { } department ? new DepartmentId(department) : null,
        Officer = Text(r, 14) is { } officer ? new OfficerId(officer) : null,
        ReopenCounts = r.GetString(15) is { Length: > 0 } counts
            ? new LevelCounts(counts.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)))
            : LevelCounts.Empty,
        TransferCount = r.GetInt32(16),
        UnreachableAttempts = r.GetInt32(17),
        RegisteredAt = Time(r, 18)!.Value,
        UpdatedAt = Time(r, 19)!.Value,
        DueAt = Time(r, 20),
        FeedbackDueAt = Time(r, 21),
        TimerToken = r.GetInt64(22),
        IsOverdue = r.GetBoolean(23),
        DisposedAt = Time(r, 24),
        PausedAt = Time(r, 25),
        ExtensionCount = r.GetInt32(26),
        ClosedAt = Time(r, 27),
        RejectionReasonCode = Text(r, 28),
        DuplicateOf = Text(r, 29) is { } original ? new ReferenceNumber(original) : null,
        Tally = ReadTally(r.GetInt32(30), r.GetInt32(31), r.GetInt32(32)),
        Version = r.GetInt64(33),
        SpecialClosureReasonCode = Text(r, 34),
        LikelyDuplicates = r.GetString(35) is { Length: > 0 } duplicates ? new ReferenceNumberList(duplicates.Split('\n').Select(d => new ReferenceNumber(d))) : ReferenceNumberList.Empty,
        IntakeFlag = Text(r, 36),
        AppealCount = r.GetInt32(37),
        AppealedOutcome = (GrievanceOutcome)r.GetInt32(38),
    };

    private static GrievanceTally ReadTally(int satisfied, int dissatisfied, int flags) => new()
    {
        SatisfiedFeedback = satisfied,
        DissatisfiedFeedback = dissatisfied,
        Reopened = (flags & ReopenedFlag) != 0,
        Escalated = (flags & EscalatedFlag) != 0,
        Breached = (flags & BreachedFlag) != 0,
        Redisposed = (flags & RedisposedFlag) != 0,
        Appealed = (flags & AppealedFlag) != 0,
        AppealUpheld = (flags & AppealUpheldFlag) != 0,
        AppealAllowed = (flags & AppealAllowedFlag) != 0,
    };

    /// <summary>The columns of <see cref="History"/>, one by one.</summary>
    public static readonly string[] HistoryColumns = History.Split(", ");

    /// <summary>The columns of <see cref="Event"/>, one by one.</summary>
    public static readonly string[] EventColumns = Event.Split(", ");

    public const string Contact = "grievance_id, name, phone, email, address";

    /// <summary><see cref="Contact"/>'s columns, in order.</summary>
    public static readonly string[] ContactColumns = Contact.Split(", ");

    /// <summary>A history row's values, in <see cref="History"/>'s column order.</summary>
    public static object?[] Values(HistoryEntry e) =>
    [
        Id(e.GrievanceId), e.Sequence, e.OccurredAt.UtcTicks, (int)e.Actor.Role, e.Actor.Id, e.Actor.Department?.Value, e.Actor.Level, (int)e.Action,
        (int)e.FromStatus, (int)e.ToStatus, (int)e.Outcome, e.FromLevel, e.ToLevel, e.Department?.Value, e.Officer?.Value, e.Text, e.ReasonCode,
        e.Rating, e.CommandId?.Value, e.IsInternal, e.CommandFingerprint,
    ];

    /// <summary>An outbox row's values, in <see cref="Event"/>'s column order.</summary>
    public static object?[] Values(GrievanceEvent e) =>
    [
        Id(e.GrievanceId), e.ReferenceNumber.Value, e.Sequence, e.Index, (int)e.Type, e.OccurredAt.UtcTicks, e.Channel.Code, (int)e.Status,
        (int)e.Outcome, e.Level, e.Department?.Value, e.Officer?.Value, e.DueAt?.UtcTicks,
    ];

    /// <summary>A contact row's values, in <see cref="Contact"/>'s column order.</summary>
    public static object?[] Values(GrievanceId id, ContactDetails contact) => [Id(id), contact.Name, contact.Phone, contact.Email, contact.Address];

    public static HistoryEntry ReadHistory(DbDataReader r)
    {
        var role = (ActorRole)r.GetInt32(3);
        var actorId = r.GetString(4);
        var actor = role switch
        {
            ActorRole.Officer => Actor.Officer(new OfficerId(actorId), new DepartmentId(r.GetString(5)), r.GetInt32(6)),
            ActorRole.Complainant => Actor.Complainant(actorId),
            ActorRole.HelplineAgent => Actor.HelplineAgent(actorId),
            ActorRole.Administrator => Actor.Administrator(actorId),
            _ => Actor.System,
        };
        return new HistoryEntry
        {
            GrievanceId = new GrievanceId(Guid.ParseExact(r.GetString(0), "N")),
            Sequence = r.GetInt64(1),
            OccurredAt = Time(r, 2)!.Value,
            Actor = actor,
            Action = (GrievanceAction)r.GetInt32(7),
            FromStatus = (GrievanceStatus)r.GetInt32(8),
            ToStatus = (GrievanceStatus)r.GetInt32(9),
            Outcome = (GrievanceOutcome)r.GetInt32(10),
            FromLevel = r.GetInt32(11),
            ToLevel = r.GetInt32(12),
            Department = Text(r, 13) is { } department ? new DepartmentId(department) : null,
            Officer = Text(r, 14) is { } officer ? new OfficerId(officer) : null,
            Text = Text(r, 15),
            ReasonCode = Text(r, 16),
            Rating = r.IsDBNull(17) ? null : r.GetInt32(17),
            CommandId = Text(r, 18) is { } commandId ? new CommandId(commandId) : null,
            IsInternal = r.GetBoolean(19),
            CommandFingerprint = Text(r, 20),
        };
    }

    /// <summary>Reads an outbox row: the position first, then <see cref="Event"/>'s columns.</summary>
    public static OutboxMessage ReadOutbox(DbDataReader r) => new(r.GetInt64(0), new GrievanceEvent
    {
        GrievanceId = new GrievanceId(Guid.ParseExact(r.GetString(1), "N")),
        ReferenceNumber = new ReferenceNumber(r.GetString(2)),
        Sequence = r.GetInt64(3),
        Index = r.GetInt32(4),
        Type = (GrievanceEventType)r.GetInt32(5),
        OccurredAt = Time(r, 6)!.Value,
        Channel = new Channel(r.GetString(7)),
        Status = (GrievanceStatus)r.GetInt32(8),
        Outcome = (GrievanceOutcome)r.GetInt32(9),
        Level = r.GetInt32(10),
        Department = Text(r, 11) is { } department ? new DepartmentId(department) : null,
        Officer = Text(r, 12) is { } officer ? new OfficerId(officer) : null,
        DueAt = Time(r, 13),
    });

    public static DbParameter Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Reads an integer aggregate: engines differ in the type of a sum (PostgreSQL's SUM of bigint is numeric).</summary>
    public static long Long(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? 0 : Convert.ToInt64(r.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>Reads an aggregate row: a text key, then <paramref name="width"/> integer counters.</summary>
    public static (string Key, long[] Counters) KeyAndCounters(DbDataReader r, int width)
    {
        var counters = new long[width];
        for (var i = 0; i < width; i++)
        {
            counters[i] = Long(r, i + 1);
        }

        return (r.GetString(0), counters);
    }

    public static string? Text(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    public static DateTimeOffset? Time(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : new DateTimeOffset(r.GetInt64(ordinal), TimeSpan.Zero);
}
