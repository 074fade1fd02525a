using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// Schema version 9: the tally columns on the grievance row, filled from the history; the two rollup tables, filled from the grievance
/// rows with the definitions <see cref="ScorecardRollups"/> applies to each write; and the index of closure times that the flow
/// reports' ragged ends read. Source shared by the adapters, not a public API.
/// </summary>
internal static class RollupSchema
{
    private const int Closed = (int)GrievanceStatus.Closed;

    private static readonly string[] Keys = ["COALESCE(department, '')", "district", "COALESCE(officer, '')", "channel"];

    private static readonly GrievanceOutcome[] Outcomes =
    [
        GrievanceOutcome.Resolved, GrievanceOutcome.ClosedAtFinalLevel, GrievanceOutcome.ClosedNoFeedback, GrievanceOutcome.Rejected,
        GrievanceOutcome.Withdrawn, GrievanceOutcome.Duplicate,
    ];

    /// <summary>The script.</summary>
    /// <param name="shardOfId">The SQL that spreads existing rows over the shards (any spread will do: queries sum every shard).</param>
    /// <returns>The statements, in order.</returns>
    public static string Script(string shardOfId)
    {
        static string History(GrievanceAction action, string more) => $"FROM history h WHERE h.grievance_id = grievances.id AND h.action = {(int)action}{more}";
        var sql = new StringBuilder(Tally(History));
        sql.AppendLine(RollupTable.Cohorts.Create).AppendLine(RollupTable.Flows.Create);
        sql.AppendLine("CREATE INDEX grievances_closed ON grievances (closed_at) WHERE closed_at IS NOT NULL;");
        return sql.Append(Fill(shardOfId)).ToString();
    }

    /// <summary>
    /// Schema version 10: special closures — the proposal's reason code on the grievance row, and a counter of special closures in
    /// both rollup tables (zero for every existing row: no grievance could be closed that way before).
    /// </summary>
    public static readonly string SpecialClosures = "ALTER TABLE grievances ADD COLUMN special_closure_reason_code TEXT NULL;\n"
        + RollupTable.Cohorts.AddCountersOf(10) + RollupTable.Flows.AddCountersOf(10);

    /// <summary>
    /// Schema version 12: appeals — how many a grievance had and the outcome under appeal on the grievance row, and the appeal
    /// counters of the cohort rollups (zero on existing rows: no grievance could be appealed before).
    /// </summary>
    public static readonly string Appeals = "ALTER TABLE grievances ADD COLUMN appeal_count INTEGER NOT NULL DEFAULT 0;\n"
        + "ALTER TABLE grievances ADD COLUMN appealed_outcome INTEGER NOT NULL DEFAULT 0;\n"
        + RollupTable.Cohorts.AddCountersOf(12) + RollupTable.Flows.AddCountersOf(12);

    /// <summary>
    /// Schema version 11: intake — the likely duplicates and the intake flag on the grievance row, and the index by complainant
    /// that intake counts and searches at registration.
    /// </summary>
    public const string Intake = """
        ALTER TABLE grievances ADD COLUMN likely_duplicates TEXT NOT NULL DEFAULT '';
        ALTER TABLE grievances ADD COLUMN intake_flag TEXT NULL;
        CREATE INDEX grievances_complainant ON grievances (complainant_id, registered_at, id);
        """;

    /// <summary>The migration's backfill: the contributions of every grievance row to both tables, by dimension, added up on the server.</summary>
    private static string Fill(string shardOfId)
    {
        var sql = new StringBuilder();
        var outcomeSums = string.Join(", ", Outcomes.Select(o => $"SUM(CASE WHEN status = {Closed} AND outcome = {(int)o} THEN 1 ELSE 0 END)"));
        var within = $"SUM(CASE WHEN status = {Closed} AND (tally_flags & {SqlColumns.BreachedFlag}) = 0 THEN 1 ELSE 0 END)";
        var seconds = $"SUM(CASE WHEN status = {Closed} THEN (closed_at - registered_at) / {TimeSpan.TicksPerSecond} ELSE 0 END)";
        string Flag(int flag) => $"SUM(CASE WHEN (tally_flags & {flag}) <> 0 THEN 1 ELSE 0 END)";
        for (var d = 0; d < Keys.Length; d++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO grievance_rollups ({string.Join(", ", RollupTable.Cohorts.KeyColumns)}, {string.Join(", ", RollupTable.Cohorts.CountersOfVersion9)})
                SELECT {d}, registered_at / {TimeSpan.TicksPerDay}, {Keys[d]},
                    CASE WHEN status = {(int)GrievanceStatus.PendingWithOfficer} AND due_at IS NOT NULL THEN due_at / {TimeSpan.TicksPerDay} ELSE {ScorecardRollups.NoDueDay} END, {shardOfId},
                    COUNT(*), SUM(CASE WHEN status <> {Closed} THEN 1 ELSE 0 END),
                    SUM(CASE WHEN status = {(int)GrievanceStatus.PendingWithOfficer} AND due_at IS NOT NULL THEN 1 ELSE 0 END),
                    {outcomeSums}, {within}, {seconds},
                    SUM(satisfied_feedback), SUM(dissatisfied_feedback), SUM(CASE WHEN dissatisfied_feedback > 0 THEN 1 ELSE 0 END),
                    {Flag(SqlColumns.RedisposedFlag)}, {Flag(SqlColumns.ReopenedFlag)}, {Flag(SqlColumns.EscalatedFlag)}, SUM(transfer_count)
                FROM grievances
                GROUP BY 1, 2, 3, 4, 5;
                INSERT INTO grievance_flows ({string.Join(", ", RollupTable.Flows.KeyColumns)}, {string.Join(", ", RollupTable.Flows.CountersOfVersion9)})
                SELECT {d}, day, k, shard, SUM(registered), {string.Join(", ", RollupTable.Flows.CountersOfVersion9.Skip(1).Select(c => $"SUM({c})"))}
                FROM (
                    SELECT registered_at / {TimeSpan.TicksPerDay} AS day, {Keys[d]} AS k, {shardOfId} AS shard, COUNT(*) AS registered,
                        {string.Join(", ", RollupTable.Flows.CountersOfVersion9.Skip(1).Select(c => "0 AS " + c))}
                    FROM grievances GROUP BY 1, 2, 3
                    UNION ALL
                    SELECT closed_at / {TimeSpan.TicksPerDay}, {Keys[d]}, {shardOfId}, 0, COUNT(*), {outcomeSums}, {within}, {seconds}
                    FROM grievances WHERE status = {Closed} AND closed_at IS NOT NULL GROUP BY 1, 2, 3) t
                GROUP BY day, k, shard;

                """);
        }

        return sql.ToString();
    }

    /// <summary>The tally columns, and their values from the history (<see cref="GrievanceTally.Add"/>'s definitions).</summary>
    private static string Tally(Func<GrievanceAction, string, string> history) => $"""
            ALTER TABLE grievances ADD COLUMN satisfied_feedback INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE grievances ADD COLUMN dissatisfied_feedback INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE grievances ADD COLUMN tally_flags INTEGER NOT NULL DEFAULT 0;
            UPDATE grievances SET
                satisfied_feedback = (SELECT COUNT(*) {history(GrievanceAction.RecordSatisfied, "")}),
                dissatisfied_feedback = (SELECT COUNT(*) {history(GrievanceAction.RecordDissatisfied, "")}),
                tally_flags = (CASE WHEN EXISTS (SELECT 1 {history(GrievanceAction.RecordDissatisfied, $" AND h.reason_code = '{HistoryReasonCodes.Reopened}'")}) THEN {SqlColumns.ReopenedFlag} ELSE 0 END)
                    + (CASE WHEN EXISTS (SELECT 1 FROM history h WHERE h.grievance_id = grievances.id AND h.to_level > h.from_level AND h.action <> {(int)GrievanceAction.Transfer}) THEN {SqlColumns.EscalatedFlag} ELSE 0 END)
                    + (CASE WHEN EXISTS (SELECT 1 {history(GrievanceAction.SlaBreach, "")}) THEN {SqlColumns.BreachedFlag} ELSE 0 END)
                    + (CASE WHEN EXISTS (SELECT 1 {history(GrievanceAction.ReportAction, $" AND h.sequence > (SELECT MIN(d.sequence) FROM history d WHERE d.grievance_id = grievances.id AND d.action = {(int)GrievanceAction.RecordDissatisfied})")}) THEN {SqlColumns.RedisposedFlag} ELSE 0 END)
            WHERE version > 1;

            """;
}
