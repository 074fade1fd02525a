using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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

    /// <summary>Serves the app with Kestrel on a free loopback port (so test classes run side by side) and returns its address.</summary>
    public string StartKestrel()
    {
        Factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First();
    }

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
