using FluentAssertions;
using Grievance.Workflow.Sqlite;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Storage;

public sealed class SqliteStoreTests : IDisposable
{
    private static readonly DateTimeOffset DayOne = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SqliteFile _file = new();

    [Fact]
    public async Task Indexes_taken_down_for_an_import_that_never_finished_are_built_again_when_the_store_next_starts()
    {
        var importing = new SqliteGrievanceStore(_file.ConnectionString);
        await importing.MigrateAsync();
        var before = await IndexesAsync();

        var down = await importing.SuspendIndexesAsync(default); // then the process dies: nothing builds them again
        var whileDown = await IndexesAsync();
        _file.ClearPool();
        var restarted = new SqliteGrievanceStore(_file.ConnectionString);
        await restarted.MigrateAsync();

        down.Should().Be(14);
        whileDown.Should().BeEmpty();
        (await IndexesAsync()).Should().Equal(before, "each index is built from the definition kept in the same transaction as its drop");
    }

    [Fact]
    public async Task The_rollups_of_a_first_load_whose_process_died_are_computed_again_from_the_rows_when_the_store_next_starts()
    {
        var records = (await Grievance.Workflow.Demo.Import.ImportGenerator.CreateAsync()).Generate(2_000, seed: 7, DayOne, days: 10).ToList();
        using var plain = new SqliteFile();
        foreach (var batch in records.Chunk(1_000))
        {
            await new SqliteGrievanceStore(plain.ConnectionString).ImportAsync(batch, default);
        }

        var importing = new SqliteGrievanceStore(_file.ConnectionString);

        await importing.SuspendIndexesAsync(default);
        foreach (var batch in records.Chunk(1_000))
        {
            await importing.ImportAsync(batch, default); // its rollups are added up in memory only — then the process dies
        }

        _file.ClearPool();
        var restarted = new SqliteGrievanceStore(_file.ConnectionString);
        await restarted.MigrateAsync();

        foreach (var dimension in Enum.GetValues<ScorecardDimension>())
        {
            var query = new ScorecardQuery(dimension, DayOne, DayOne.AddDays(11), DayOne.AddDays(30));
            var expected = await new SqliteGrievanceStore(plain.ConnectionString).GetScorecardsAsync(query, default);
            expected.Should().NotBeEmpty();
            (await restarted.GetScorecardsAsync(query, default)).Should().Equal(expected, "the rollups are a function of the rows, computed again");
            var flows = new FlowQuery(dimension, DayOne, DayOne.AddDays(11));
            (await restarted.GetFlowsAsync(flows, default)).Should().Equal(await new SqliteGrievanceStore(plain.ConnectionString).GetFlowsAsync(flows, default));
        }
    }

    [Fact]
    public async Task The_schema_is_created_on_first_use_in_WAL_mode_and_migrating_again_is_harmless()
    {
        var first = new SqliteGrievanceStore(_file.ConnectionString);
        (await first.MigrateAsync()).Should().Be(17);
        var second = new SqliteGrievanceStore(_file.ConnectionString);
        (await second.MigrateAsync()).Should().Be(17);

        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        (await command.ExecuteScalarAsync()).Should().Be("wal");
        command.CommandText = "SELECT COUNT(*) FROM grievance_schema";
        (await command.ExecuteScalarAsync()).Should().Be(17L, "each version is recorded once, however often the store migrates");
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'grievances_%' ORDER BY name";
        var indexes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0));
            }
        }

        indexes.Should().BeEquivalentTo(["grievances_feedback_deadline", "grievances_status_registered", "grievances_department_registered", "grievances_officer_pending", "grievances_officer_registered", "grievances_status_due", "grievances_status_disposed", "grievances_registered", "grievances_district_registered", "grievances_retention", "grievances_officer_due", "grievances_department_due", "grievances_closed", "grievances_complainant"]);
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

    /// <summary>The grievance table's non-unique indexes: name and definition.</summary>
    private async Task<List<string>> IndexesAsync()
    {
        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'grievances' AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name";
        var indexes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            indexes.Add(reader.GetString(0));
        }

        return indexes;
    }

    public void Dispose() => _file.Dispose();
}
