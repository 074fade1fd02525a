using System.Data.Common;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Grievance.Workflow.Benchmarks;

/// <summary>
/// Commands per second on each store: one "report action" command on a fresh pending grievance, through the whole engine. Next to
/// each SQL store, a raw-driver baseline doing the same writes in one transaction: update the grievance row at its version, insert
/// a history row and an outbox row. PostgreSQL rows run when GRIEVANCE_POSTGRES is set.
/// </summary>
[Config(typeof(Config))]
public class StoreThroughputBenchmarks
{
    private const int Batch = 200;

    private readonly string _sqlitePath = Path.Combine(Path.GetTempPath(), $"grievance-bench-{Guid.NewGuid():N}.db");
    private ServiceProvider? _provider;
    private IGrievanceWorkflow _workflow = null!;
    private GrievanceSnapshot[] _pending = null!;
    private int _next;

    [Params("memory", "sqlite", "postgres")]
    public string Store { get; set; } = "memory";

    private static string? Postgres => Environment.GetEnvironmentVariable("GRIEVANCE_POSTGRES");

    [IterationSetup]
    public void Prepare()
    {
        _provider?.Dispose();
        _provider = BenchmarkWorkflow.Build(b =>
        {
            switch (Store)
            {
                case "sqlite":
                    b.UseSqliteStore($"Data Source={_sqlitePath}");
                    break;
                case "postgres":
                    b.UsePostgreSqlStore(Postgres ?? throw new InvalidOperationException("Set GRIEVANCE_POSTGRES to benchmark PostgreSQL."));
                    break;
            }
        });
        _workflow = _provider.GetRequiredService<IGrievanceWorkflow>();
        _pending = new GrievanceSnapshot[Batch];
        for (var i = 0; i < Batch; i++)
        {
            _pending[i] = _workflow.RegisterAsync(BenchmarkWorkflow.Complaint).AsTask().GetAwaiter().GetResult().Grievance;
        }

        _next = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Benchmark(Description = "Engine command")]
    public async Task<long> EngineCommand()
    {
        var g = _pending[_next++];
        return (await _workflow.ExecuteAsync(new ReportAction(g.Id, BenchmarkWorkflow.L1, "Bill corrected."))).Grievance.Version;
    }

    [Benchmark(Description = "Raw driver, same writes")]
    public async Task<int> RawDriver()
    {
        var g = _pending[_next++];
        await using DbConnection connection = Store switch
        {
            "sqlite" => new SqliteConnection($"Data Source={_sqlitePath}"),
            "postgres" => new NpgsqlConnection(Postgres),
            _ => throw new NotSupportedException("The in-memory store has no driver."),
        };
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = g.Id.Value.ToString("N");
        var now = TimeProvider.System.GetUtcNow().UtcTicks;
        var rows = await ExecuteAsync(connection, transaction,
            "UPDATE grievances SET status = @status, due_at = NULL, disposed_at = @now, updated_at = @now, timer_token = timer_token + 1, version = version + 1 WHERE id = @id AND version = @version",
            ("status", (int)GrievanceStatus.AwaitingFeedback), ("now", now), ("id", id), ("version", g.Version));
        rows += await ExecuteAsync(connection, transaction,
            "INSERT INTO history (grievance_id, sequence, occurred_at, actor_role, actor_id, actor_department, actor_level, action, from_status, to_status, outcome, from_level, to_level, department, officer, text) "
            + "VALUES (@id, @sequence, @now, 3, 'uppcl-l1', 'uppcl', 1, 3, 2, 3, 0, 1, 1, 'uppcl', 'uppcl-l1', 'Bill corrected.')",
            ("id", id), ("sequence", g.Version + 1), ("now", now));
        rows += await ExecuteAsync(connection, transaction,
            "INSERT INTO outbox (grievance_id, reference_number, sequence, idx, type, occurred_at, channel, status, outcome, level, department, officer) "
            + "VALUES (@id, @reference, @sequence, 0, 3, @now, 'helpline-1076', 3, 0, 1, 'uppcl', 'uppcl-l1')",
            ("id", id), ("reference", g.ReferenceNumber.Value), ("sequence", g.Version + 1), ("now", now));
        await transaction.CommitAsync();
        return rows;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync();
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithInvocationCount(Batch).WithUnrollFactor(1).WithWarmupCount(2).WithIterationCount(8));
            AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
            AddFilter(new BenchmarkDotNet.Filters.SimpleFilter(b =>
            {
                var store = (string)b.Parameters["Store"];
                var raw = b.Descriptor.WorkloadMethod.Name == nameof(RawDriver);
                return !(raw && store == "memory") && (store != "postgres" || !string.IsNullOrEmpty(Postgres));
            }));
        }
    }
}
