using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grievance.Workflow.WebApi.Tests;

/// <summary>The Web API sample in memory, on its own SQLite file (deleted afterwards) and a fake clock, with settings of a test's own.</summary>
internal sealed class SampleApp : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"grievance-webapi-{Guid.NewGuid():N}.db");

    public SampleApp(params (string Key, string Value)[] settings)
        => Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Grievances", $"Data Source={_database}");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        });

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 4, 30, 0, TimeSpan.Zero));

    public WebApplicationFactory<Program> Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }
}
