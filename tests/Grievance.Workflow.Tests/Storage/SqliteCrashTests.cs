using System.Collections.Concurrent;
using System.Diagnostics;
using FluentAssertions;
using Grievance.Workflow.Events;
using Grievance.Workflow.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// A child process writes to one SQLite file under load (four writers registering, noting and reporting) and is killed with
/// SIGKILL at seeded random moments. After each kill the file passes <c>PRAGMA integrity_check</c>, every command the child was told
/// had been stored is there with its events, and at the end the outbox dispatcher delivers every event exactly once.
/// </summary>
/// <remarks>CI kills the writer <see cref="DefaultKills"/> times; set GRIEVANCE_CRASH_KILLS to kill it more often locally.</remarks>
public sealed class SqliteCrashTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    public const int DefaultKills = 6;

    private readonly SqliteFile _file = new();

    [Fact]
    public async Task A_writer_killed_at_random_moments_loses_no_acknowledged_command_and_no_event()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("GRIEVANCE_CRASH_KILLS"), out var k) ? k : DefaultKills;
        var random = new Random(1076);
        var acknowledged = new List<string>();
        for (var run = 0; run < kills; run++)
        {
            var acks = await RunAndKillAsync(run, afterAcks: random.Next(5, 150), extraMilliseconds: random.Next(0, 25));
            output.WriteLine($"kill {run + 1}: {acks.Count} commands acknowledged before it");
            acks.Should().NotBeEmpty($"run {run} wrote before it was killed");
            acknowledged.AddRange(acks);

            (await IntegrityCheckAsync()).Should().Be("ok", $"the file is whole after kill {run + 1}");
            var store = new SqliteGrievanceStore(_file.ConnectionString);
            var outbox = (await AllEventsAsync(store)).Select(e => (e.GrievanceId, e.Sequence)).ToHashSet();
            foreach (var id in acknowledged)
            {
                var entry = await store.FindByCommandIdAsync(new CommandId(id), default);
                entry.Should().NotBeNull($"command {id} was acknowledged before kill {run + 1}");
                outbox.Contains((entry!.GrievanceId, entry.Sequence)).Should().BeTrue($"the events of {id} were committed with it");
            }
        }

        // The dispatcher, run once the writers are dead, delivers every event exactly once.
        var delivered = new ConcurrentBag<(GrievanceId, long, int)>();
        var services = new ServiceCollection();
        services.AddGrievanceWorkflow().UseSqliteStore(_file.ConnectionString);
        services.AddSingleton<IGrievanceEventSubscriber>(new Counting(delivered));
        await using (var provider = services.BuildServiceProvider())
        {
            var dispatcher = provider.GetRequiredService<IOutboxDispatcher>();
            DispatchResult result;
            do
            {
                result = await dispatcher.DispatchAsync(500);
            }
            while (result.HasMore);

            var all = await AllEventsAsync((SqliteGrievanceStore)provider.GetRequiredService<Grievance.Workflow.Storage.IGrievanceStore>());
            var expected = all.Select(e => (e.GrievanceId, e.Sequence, e.Index)).ToHashSet();
            delivered.Count.Should().Be(expected.Count, "every event is delivered once");
            delivered.ToHashSet().SetEquals(expected).Should().BeTrue("the delivered events are exactly the stored ones");
            all.Count.Should().BeGreaterThanOrEqualTo(acknowledged.Count);
        }
    }

    private async Task<List<string>> RunAndKillAsync(int run, int afterAcks, int extraMilliseconds)
    {
        var writer = typeof(Grievance.Workflow.CrashWriter.CrashWriter).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", $"\"{writer}\" \"{_file.Path}\" run{run} 4") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var acks = new List<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    lock (acks)
                    {
                        acks.Add(line[4..]);
                        if (acks.Count >= afterAcks)
                        {
                            enough.TrySetResult();
                        }
                    }
                }
            }

            enough.TrySetResult();
        });
        var error = process.StandardError.ReadToEndAsync();
        await enough.Task.WaitAsync(TimeSpan.FromMinutes(2));
        if (process.HasExited)
        {
            throw new Xunit.Sdk.XunitException($"The writer must run until it is killed; it exited with {process.ExitCode}: {await error}");
        }

        await Task.Delay(extraMilliseconds);
        process.Kill(); // SIGKILL on Linux: no finally block, no flush, no rollback runs in the child
        await process.WaitForExitAsync();
        await reading;
        lock (acks)
        {
            return [.. acks];
        }
    }

    private async Task<string> IntegrityCheckAsync()
    {
        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<GrievanceEvent>> AllEventsAsync(IOutboxStore outbox)
    {
        var events = new List<GrievanceEvent>();
        for (var page = await outbox.ReadAsync(0, 1000, default); page.Count > 0; page = await outbox.ReadAsync(page[^1].Position, 1000, default))
        {
            events.AddRange(page.Select(m => m.Event));
        }

        return events;
    }

    public void Dispose() => _file.Dispose();

    private sealed class Counting(ConcurrentBag<(GrievanceId, long, int)> delivered) : IGrievanceEventSubscriber
    {
        public string Name => "crash-test";

        public ValueTask HandleAsync(GrievanceEvent grievanceEvent, CancellationToken cancellationToken)
        {
            delivered.Add((grievanceEvent.GrievanceId, grievanceEvent.Sequence, grievanceEvent.Index));
            return default;
        }
    }
}
