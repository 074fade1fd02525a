using FluentAssertions;
using Grievance.Workflow.DependencyInjection;
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
        (await first.MigrateAsync()).Should().Be(4);
        var second = new SqliteGrievanceStore(_file.ConnectionString);
        (await second.MigrateAsync()).Should().Be(4);

        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        (await command.ExecuteScalarAsync()).Should().Be("wal");
        command.CommandText = "SELECT COUNT(*) FROM grievance_schema";
        (await command.ExecuteScalarAsync()).Should().Be(4L, "each version is recorded once, however often the store migrates");
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'grievances_%' ORDER BY name";
        var indexes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0));
            }
        }

        indexes.Should().BeEquivalentTo(["grievances_feedback_deadline", "grievances_status_registered", "grievances_department_registered", "grievances_officer_queue", "grievances_status_due", "grievances_status_disposed", "grievances_registered", "grievances_district_registered", "grievances_retention"]);
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

    public void Dispose() => _file.Dispose();
}
