using FluentAssertions;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// PostgreSQL answers the named work queues from an index, in its order. The indexes that lead with the status hold open grievances
/// only (schema version 17) and the disposal-time one disposed grievances only (18), so a queue of closed grievances in registration
/// order reads an index that keeps every status. Read with sorts, sequential and bitmap scans priced out, as in
/// <see cref="PostgreSqlClaimPlanTests"/>: what remains is what the schema makes possible.
/// </summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlQueuePlanTests() : PostgreSqlSchemaTests("queue_plans")
{
    private static readonly DateTimeOffset DayOne = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [StoreFact]
    public Task Triage_reads_the_open_grievances_by_status_and_registration()
        => ReadsInOrderAsync(Queries.GrievanceFilter.Triage, "grievances_status_registered");

    [StoreFact]
    public Task Defaulters_read_the_open_grievances_by_status_and_deadline()
        => ReadsInOrderAsync(Queries.GrievanceFilter.Defaulters(DayOne.AddDays(30)), "grievances_status_due");

    [StoreFact]
    public Task A_departments_defaulters_in_a_district_read_the_open_grievances_by_department_status_and_deadline()
        => ReadsInOrderAsync(Queries.GrievanceFilter.Defaulters(DayOne.AddDays(30)) with { Department = new DepartmentId("uppcl"), District = "Agra" }, "grievances_department_due");

    [StoreFact]
    public Task Closed_grievances_oldest_first_read_the_registration_index_which_keeps_every_status()
        => ReadsInOrderAsync(new Queries.GrievanceFilter { Status = GrievanceStatus.Closed }, "grievances_registered");

    [StoreFact]
    public Task Closed_grievances_in_disposal_order_read_the_disposal_index_which_keeps_every_status()
        => ReadsInOrderAsync(new Queries.GrievanceFilter { Status = GrievanceStatus.Closed, Order = Queries.GrievanceOrder.DisposalTime }, "grievances_status_disposed");

    [StoreFact]
    public async Task The_indexes_that_lead_with_the_status_keep_no_entry_for_a_closed_grievance_and_the_disposal_index_none_for_an_undisposed_one()
    {
        await using var store = await PostgreSqlServer.FillAsync(Scoped, 1_000, DayOne);
        foreach (var index in new[] { "grievances_status_due", "grievances_status_registered", "grievances_department_due" })
        {
            (await DefinitionAsync(index)).Should().EndWith($"WHERE (status <> {(int)GrievanceStatus.Closed})", index);
        }

        (await DefinitionAsync("grievances_status_disposed")).Should().EndWith("WHERE (disposed_at IS NOT NULL)", "closed grievances are listed in disposal order from it, and only disposed ones have a disposal time");
    }

    private async Task ReadsInOrderAsync(Queries.GrievanceFilter filter, string index)
    {
        await using var store = await PostgreSqlServer.FillAsync(Scoped, 3_000, DayOne);
        var (sql, parameters) = PostgreSqlGrievanceStore.QueueQuery(filter, 50, null);
        var nodes = await PostgreSqlServer.PlanAsync(Scoped, sql, parameters);

        var plan = string.Join(" | ", nodes.Select(n => $"{n.Type} {n.Relation} {n.Index}"));
        nodes.Should().NotContain(n => n.Type == "Sort", "the page comes in the index's order, unsorted: {0}", plan);
        nodes.Should().Contain(n => n.Relation == "grievances" && n.Index == index, plan);
    }

    private async Task<string> DefinitionAsync(string index)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Scoped);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE schemaname = @schema AND indexname = @index", connection);
        command.Parameters.AddWithValue("schema", Schema);
        command.Parameters.AddWithValue("index", index);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
