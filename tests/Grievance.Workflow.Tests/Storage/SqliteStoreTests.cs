using FluentAssertions;
using Grievance.Workflow.Sqlite;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>A throw-away SQLite file, deleted with its WAL files afterwards.</summary>
public sealed class SqliteFile : IDisposable
{
    public SqliteFile() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"grievance-tests-{Guid.NewGuid():N}.db");

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    public void Dispose() => Delete(Path);
}

/// <summary>The SQLite store passes the whole conformance kit on a real file.</summary>
public sealed class SqliteStoreConformanceTests : GrievanceStoreConformanceTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"grievance-kit-{Guid.NewGuid():N}.db");

    protected override ValueTask<IGrievanceStore> CreateStoreAsync() => new(new SqliteGrievanceStore($"Data Source={_path}"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteFile.Delete(_path);
    }
}

public sealed class SqliteStoreTests : IDisposable
{
    private readonly SqliteFile _file = new();

    [Fact]
    public async Task The_schema_is_created_on_first_use_in_WAL_mode_and_migrating_again_is_harmless()
    {
        var first = new SqliteGrievanceStore(_file.ConnectionString);
        (await first.MigrateAsync()).Should().Be(12);
        var second = new SqliteGrievanceStore(_file.ConnectionString);
        (await second.MigrateAsync()).Should().Be(12);

        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        (await command.ExecuteScalarAsync()).Should().Be("wal");
        command.CommandText = "SELECT COUNT(*) FROM grievance_schema";
        (await command.ExecuteScalarAsync()).Should().Be(12L, "each version is recorded once, however often the store migrates");
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'grievances_%' ORDER BY name";
        var indexes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0));
            }
        }

        indexes.Should().BeEquivalentTo(["grievances_feedback_deadline", "grievances_status_registered", "grievances_department_registered", "grievances_officer_queue", "grievances_status_due", "grievances_status_disposed", "grievances_registered", "grievances_district_registered", "grievances_retention", "grievances_officer_due", "grievances_department_due", "grievances_closed", "grievances_complainant"]);
    }

    [Fact]
    public async Task UseSqliteStore_wires_the_engine_to_the_file_and_the_data_survives_a_new_process()
    {
        GrievanceSnapshot registered;
        using (var seed = new Seed(build: b => b.UseSqliteStore(_file.ConnectionString)))
        {
            seed.Services.GetRequiredService<IGrievanceStore>().Should().BeOfType<SqliteGrievanceStore>();
            registered = await seed.ReportAsync(await seed.RegisterAsync());
        }

        using var restarted = new Seed(build: b => b.UseSqliteStore(_file.ConnectionString));
        var reloaded = await restarted.Workflow.GetAsync(registered.Id);
        var closed = await restarted.FeedbackAsync(reloaded, FeedbackResponse.Satisfied);

        reloaded.Should().Be(registered);
        closed.Outcome.Should().Be(GrievanceOutcome.Resolved);
        (await restarted.Workflow.GetHistoryAsync(registered.Id)).Should().HaveCount(3);
    }

    [Fact]
    public async Task Pruning_deletes_the_delivery_rows_of_the_events_it_deletes_and_keeps_the_others()
    {
        var store = new SqliteGrievanceStore(_file.ConnectionString);
        using var seed = new Seed(build: b => b.UseStore(_ => store));
        await seed.RegisterAsync();
        await seed.RegisterAsync();
        var all = await store.ReadAsync(0, 100, default);
        all.Should().HaveCount(4);
        await store.RecordDeliveriesAsync("sms", all.Select(m => new Grievance.Workflow.Events.OutboxDelivery(m.Position, 1, Seed.Start)).ToList(), default);
        await store.RecordDeliveriesAsync("audit", all.Take(2).Select(m => new Grievance.Workflow.Events.OutboxDelivery(m.Position, 2, Seed.Start)).ToList(), default);

        var pruned = await store.PruneAsync(all[1].Position, Seed.Start.AddDays(1), 100, default);

        pruned.Should().Be(2);
        (await DeliveryRowsAsync()).Should().Equal(("sms", all[2].Position), ("sms", all[3].Position));
    }

    [Fact]
    public async Task Forgetting_a_handler_deletes_its_delivery_rows_and_keeps_the_others()
    {
        var store = new SqliteGrievanceStore(_file.ConnectionString);
        using var seed = new Seed(build: b => b.UseStore(_ => store));
        await seed.RegisterAsync();
        var all = await store.ReadAsync(0, 100, default);
        await store.RecordDeliveriesAsync("sms", all.Select(m => new Grievance.Workflow.Events.OutboxDelivery(m.Position, 1, Seed.Start)).ToList(), default);
        await store.RecordDeliveriesAsync("audit", all.Select(m => new Grievance.Workflow.Events.OutboxDelivery(m.Position, 2, Seed.Start)).ToList(), default);

        var forgotten = await store.ForgetHandlerAsync("sms", default);

        forgotten.Should().BeTrue();
        (await DeliveryRowsAsync()).Should().Equal(("audit", all[0].Position), ("audit", all[1].Position));
        (await store.ReadAsync(0, 100, default)).Should().Equal(all);
    }

    private async Task<List<(string Handler, long Position)>> DeliveryRowsAsync()
    {
        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT handler, position FROM outbox_deliveries ORDER BY handler, position";
        var rows = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>Given the snapshot a change was decided on, the SQL stores write only the columns that changed.</summary>
public sealed class SqliteChangedColumnsTests : IDisposable
{
    private readonly SqliteFile _file = new();

    [Fact]
    public async Task A_change_with_its_previous_snapshot_writes_only_the_columns_that_differ_from_it()
    {
        var store = new SqliteGrievanceStore(_file.ConnectionString);
        using var seed = new Seed(build: b => b.UseStore(_ => store));
        var g = await seed.RegisterAsync();
        var entry = (await store.GetHistoryAsync(g.Id, default))[0] with { Sequence = 2, Action = GrievanceAction.AddNote, Text = "note" };

        // The previous snapshot given here claims the officer is already "someone-else": so the officer column is not written, and
        // the stored officer shows that only the differing columns (the transfer count and the version) were.
        var next = g with { Version = 2, Officer = new OfficerId("someone-else"), TransferCount = 1 };
        await store.SaveAsync(new GrievanceChange(next, entry) { Previous = g with { Officer = new OfficerId("someone-else") } }, default);

        var stored = (await store.FindAsync(g.Id, default))!;
        stored.Officer.Should().Be(g.Officer, "an unchanged column is left as it is");
        stored.TransferCount.Should().Be(1);
        stored.Version.Should().Be(2);
    }

    [Fact]
    public void A_previous_snapshot_of_another_version_is_refused()
    {
        var g = new GrievanceSnapshot
        {
            Id = GrievanceId.New(), ReferenceNumber = new ReferenceNumber("R-1"), Channel = Channel.Web, Category = new GrievanceCategory("water"),
            Location = new GrievanceLocation("Agra"), ComplainantId = "c-1", Description = "x", Status = GrievanceStatus.Registered,
            RegisteredAt = Seed.Start, UpdatedAt = Seed.Start, Version = 3,
        };
        var entry = new HistoryEntry
        {
            GrievanceId = g.Id, Sequence = 3, OccurredAt = Seed.Start, Actor = Seed.Agent, Action = GrievanceAction.AddNote,
            FromStatus = g.Status, ToStatus = g.Status, FromLevel = 1, ToLevel = 1,
        };

        var make = () => new GrievanceChange(g, entry) { Previous = g with { Version = 1 } };

        make.Should().Throw<ArgumentException>().Which.Message.Should().Contain("at version 2");
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>The SQLite dialect sets its PRAGMAs once per physical connection, and they hold every time the pool hands it out.</summary>
public sealed class SqliteConnectionTests : IDisposable
{
    private readonly SqliteFile _file = new();

    [Theory]
    [InlineData(SqliteSynchronous.Full, 2L)]
    [InlineData(SqliteSynchronous.Normal, 1L)]
    public async Task Pragmas_are_set_once_per_physical_connection_and_hold_on_every_reuse(SqliteSynchronous synchronous, long expected)
    {
        var dialect = new SqliteDialect(_file.ConnectionString, new SqliteStoreOptions { Synchronous = synchronous, CacheSizeKibibytes = 8192 });

        for (var i = 0; i < 10; i++)
        {
            await using var connection = await dialect.OpenAsync(default);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            (await command.ExecuteScalarAsync()).Should().Be(expected, $"open {i + 1}");
            command.CommandText = "PRAGMA busy_timeout";
            (await command.ExecuteScalarAsync()).Should().Be(30000L);
            command.CommandText = "PRAGMA cache_size";
            (await command.ExecuteScalarAsync()).Should().Be(-8192L, "the cache size is set in KiB");
        }

        dialect.PhysicalConnectionsPrepared.Should().Be(1, "ten sequential opens reuse one pooled connection");
    }

    [Fact]
    public void The_cache_size_is_refused_outside_its_range()
    {
        var options = new SqliteStoreOptions();

        options.CacheSizeKibibytes.Should().Be(65_536);
        ((Action)(() => options.CacheSizeKibibytes = 1024)).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => options.CacheSizeKibibytes = 4_194_305)).Should().Throw<ArgumentOutOfRangeException>();
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>SQLite answers every named work queue from an index, in the index's order: no full scan, no sort.</summary>
public sealed class SqliteQueuePlanTests : IDisposable
{
    private readonly SqliteFile _file = new();

    public static TheoryData<string, Queries.GrievanceFilter, string> Queues => new()
    {
        { "everything, oldest first", Queries.GrievanceFilter.All, "grievances_registered" },
        { "triage", Queries.GrievanceFilter.Triage, "grievances_status_registered" },
        { "an officer's queue", Queries.GrievanceFilter.OfficerQueue(new OfficerId("uppcl-l1")), "grievances_officer_queue" },
        { "defaulters", Queries.GrievanceFilter.Defaulters(DateTimeOffset.UnixEpoch), "grievances_status_due" },
        { "a department's defaulters in a district", Queries.GrievanceFilter.Defaulters(DateTimeOffset.UnixEpoch) with { Department = new DepartmentId("uppcl"), District = "Agra" }, "grievances_department_due" },
        { "outbound feedback calls", Queries.GrievanceFilter.AwaitingFeedbackCalls, "grievances_status_disposed" },
        { "a department", new Queries.GrievanceFilter { Department = new DepartmentId("uppcl") }, "grievances_department_registered" },
        { "a district this month", new Queries.GrievanceFilter { District = "Agra", RegisteredFrom = DateTimeOffset.UnixEpoch }, "grievances_district_registered" },
        { "a registration period", new Queries.GrievanceFilter { RegisteredFrom = DateTimeOffset.UnixEpoch, RegisteredBefore = DateTimeOffset.UnixEpoch.AddDays(30) }, "grievances_registered" },
    };

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task A_named_work_queue_reads_an_index_in_order(string queue, Queries.GrievanceFilter filter, string index)
    {
        await new SqliteGrievanceStore(_file.ConnectionString).MigrateAsync();
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
        await new SqliteGrievanceStore(_file.ConnectionString).MigrateAsync();
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
        await new SqliteGrievanceStore(_file.ConnectionString).MigrateAsync();
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
        await new SqliteGrievanceStore(_file.ConnectionString).MigrateAsync();

        var plan = await PlanAsync(SqliteGrievanceStore.ComplainantQuery, [("complainant", "citizen-42"), ("from", 1L), ("limit", 10)]);

        plan.Should().ContainSingle().Which.Should().Be("SEARCH grievances USING INDEX grievances_complainant (complainant_id=? AND registered_at>?)");
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

    public void Dispose() => _file.Dispose();
}
