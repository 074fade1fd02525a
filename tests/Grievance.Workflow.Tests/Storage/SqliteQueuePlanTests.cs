using FluentAssertions;
using Grievance.Workflow.Sqlite;
using Microsoft.Data.Sqlite;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>SQLite answers every named work queue from an index, in the index's order: no full scan, no sort.</summary>
public class SqliteQueuePlanTests : IDisposable
{
    private readonly SqliteFile _file = new();

    /// <summary>Gets the file the plans are read on.</summary>
    protected SqliteFile File => _file;

    public static TheoryData<string, Queries.GrievanceFilter, string> Queues => new()
    {
        { "everything, oldest first", Queries.GrievanceFilter.All, "grievances_registered" },
        { "triage", Queries.GrievanceFilter.Triage, "grievances_status_registered" },
        { "an officer's queue", Queries.GrievanceFilter.OfficerQueue(new OfficerId("uppcl-l1")), "grievances_officer_pending" },
        { "an officer's grievances of any status", new Queries.GrievanceFilter { Officer = new OfficerId("uppcl-l1") }, "grievances_officer_registered" },
        { "defaulters", Queries.GrievanceFilter.Defaulters(DateTimeOffset.UnixEpoch), "grievances_status_due" },
        { "a department's defaulters in a district", Queries.GrievanceFilter.Defaulters(DateTimeOffset.UnixEpoch) with { Department = new DepartmentId("uppcl"), District = "Agra" }, "grievances_department_due" },
        { "outbound feedback calls", Queries.GrievanceFilter.AwaitingFeedbackCalls, "grievances_status_disposed" },
        { "a department", new Queries.GrievanceFilter { Department = new DepartmentId("uppcl") }, "grievances_department_registered" },
        { "a district this month", new Queries.GrievanceFilter { District = "Agra", RegisteredFrom = DateTimeOffset.UnixEpoch }, "grievances_district_registered" },
        { "a registration period", new Queries.GrievanceFilter { RegisteredFrom = DateTimeOffset.UnixEpoch, RegisteredBefore = DateTimeOffset.UnixEpoch.AddDays(30) }, "grievances_registered" },
        { "closed grievances, oldest first (the status indexes hold open ones only)", new Queries.GrievanceFilter { Status = GrievanceStatus.Closed }, "grievances_registered" },
        { "a department's closed grievances", new Queries.GrievanceFilter { Status = GrievanceStatus.Closed, Department = new DepartmentId("uppcl") }, "grievances_department_registered" },
        { "an officer's closed grievances", new Queries.GrievanceFilter { Status = GrievanceStatus.Closed, Officer = new OfficerId("uppcl-l1") }, "grievances_officer_registered" },
        { "a district's closed grievances", new Queries.GrievanceFilter { Status = GrievanceStatus.Closed, District = "Agra" }, "grievances_district_registered" },
        { "closed grievances in disposal order", new Queries.GrievanceFilter { Status = GrievanceStatus.Closed, Order = Queries.GrievanceOrder.DisposalTime }, "grievances_status_disposed" },
    };

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task A_named_work_queue_reads_an_index_in_order(string queue, Queries.GrievanceFilter filter, string index)
    {
        await PrepareAsync();
        var (sql, parameters) = SqliteGrievanceStore.QueueQuery(filter, 50, null);
        var plan = await PlanAsync(sql, parameters);

        plan.Should().Contain(step => step.Contains($"INDEX {index}", StringComparison.Ordinal), queue);
        plan.Should().NotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), "{0} must come in the index's order, unsorted", queue);
    }

    [Theory]
    [InlineData(Grievance.Workflow.Sweeping.DueWorkKind.OfficerDeadline, "grievances_officer_due")]
    [InlineData(Grievance.Workflow.Sweeping.DueWorkKind.FeedbackWindow, "grievances_feedback_deadline")]
    public async Task The_sweeps_due_work_query_seeks_an_index_that_leaves_flagged_defaulters_out(Grievance.Workflow.Sweeping.DueWorkKind kind, string index)
    {
        await PrepareAsync();
        var cursor = new Grievance.Workflow.Sweeping.DueWorkItem(GrievanceId.New(), DateTimeOffset.UnixEpoch, 1, 1);
        foreach (var after in new Grievance.Workflow.Sweeping.DueWorkItem?[] { null, cursor })
        {
            var (sql, parameters) = SqliteGrievanceStore.DueQuery(kind, DateTimeOffset.UnixEpoch.AddDays(1), 500, after);
            var plan = await PlanAsync(sql, parameters);

            plan.Should().Contain(step => step.Contains($"INDEX {index}", StringComparison.Ordinal), string.Join(" | ", plan));
            plan.Should().NotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Scorecards_and_flow_reports_read_rollups_and_indexes_never_every_grievance()
    {
        await PrepareAsync();
        string[] names = ["from", "to", "as_of", "a", "b", "start", "dimension", "from_day", "to_day", "as_of_day", "as_of_day_start", "start_day"];
        var indexes = new Dictionary<string, string>
        {
            ["scorecard rows"] = "grievances_registered (registered_at>? AND registered_at<?)",
            ["scorecard rollups"] = "sqlite_autoindex_grievance_rollups_1 (dimension=? AND cohort_day>? AND cohort_day<?)",
            ["scorecard defaulters due on the day"] = "grievances_status_due (status=? AND due_at>? AND due_at<?)",
            ["flow rollups"] = "sqlite_autoindex_grievance_flows_1 (dimension=? AND day<?)",
            ["flow registrations"] = "grievances_registered (registered_at>? AND registered_at<?)",
            ["flow closures"] = "grievances_closed (closed_at>? AND closed_at<?)",
        };
        foreach (var (query, sql) in SqliteGrievanceStore.StatisticsQueries)
        {
            var plan = await PlanAsync(sql, names.Where(n => sql.Contains("@" + n, StringComparison.Ordinal)).Select(n => (n, (object?)1L)).ToList());

            plan.Should().NotContain(step => step.StartsWith("SCAN ", StringComparison.Ordinal), "{0} must search an index: {1}", query, string.Join(" | ", plan));
            plan.Where(step => step.StartsWith("SEARCH ", StringComparison.Ordinal)).Should().OnlyContain(
                step => step.EndsWith(indexes[query], StringComparison.Ordinal), "{0} must read {1}: {2}", query, indexes[query], string.Join(" | ", plan));
        }
    }

    [Fact]
    public async Task Intake_reads_a_complainants_grievances_from_their_index_newest_first_without_sorting()
    {
        await PrepareAsync();

        var plan = await PlanAsync(SqliteGrievanceStore.ComplainantQuery, [("complainant", "citizen-42"), ("from", 1L), ("limit", 10)]);

        plan.Should().ContainSingle().Which.Should().Be("SEARCH grievances USING INDEX grievances_complainant (complainant_id=? AND registered_at>?)");
    }

    [Fact]
    public async Task The_retention_job_reads_only_closed_grievances_with_details_from_its_partial_index_in_order()
    {
        await PrepareAsync();

        var plan = await PlanAsync(SqliteGrievanceStore.RetentionQuery, [("closed_before", 1L), ("limit", 10)]);

        plan.Should().ContainSingle().Which.Should().StartWith("SEARCH grievances USING INDEX grievances_retention (", "the index holds only closed grievances, in closure order: no sort");
    }

    private async Task<List<string>> PlanAsync(string sql, List<(string Name, object? Value)> parameters)
    {
        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue("@" + name, value ?? DBNull.Value);
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    public void Dispose()
    {
        _file.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Makes the schema the plans are read on: here, as migrations create it.</summary>
    protected virtual async Task PrepareAsync() => await new SqliteGrievanceStore(_file.ConnectionString).MigrateAsync();
}
