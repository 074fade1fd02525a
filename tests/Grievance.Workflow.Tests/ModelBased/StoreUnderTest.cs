using Grievance.Workflow.Events;
using Grievance.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grievance.Workflow.Tests.ModelBased;

/// <summary>One store with its own engine and clock, driven through the public API only.</summary>
public sealed class StoreUnderTest : IAsyncDisposable
{
    private static readonly string[] Departments = ["uppcl", "revenue"];
    private readonly ServiceProvider _provider;
    private readonly Func<ValueTask> _cleanUp;
    private readonly Dictionary<GrievanceId, int> _events = new();
    private long _read;

    public StoreUnderTest(string name, IGrievanceStore store, DateTimeOffset start, Func<ValueTask> cleanUp)
    {
        Name = name;
        Store = store;
        Clock = new FakeTimeProvider(start);
        _cleanUp = cleanUp;
        var services = new ServiceCollection().AddSingleton<TimeProvider>(Clock);
        services.AddGrievanceWorkflow(o =>
        {
            o.ConcurrencyRetryBaseDelay = TimeSpan.Zero;
            o.Routing.CategoryDepartments["electricity"] = "uppcl";
            foreach (var department in Departments)
            {
                o.Routing.Officers.Add(new Routing.OfficerAssignment { Department = department, Level = 1, Officer = $"{department}-l1" });
                o.Routing.Officers.Add(new Routing.OfficerAssignment { Department = department, Level = 2, Officer = $"{department}-l2" });
            }
        }).UseStore(_ => store);
        _provider = services.BuildServiceProvider();
        Workflow = _provider.GetRequiredService<IGrievanceWorkflow>();
    }

    public string Name { get; }

    public IGrievanceStore Store { get; }

    public IOutboxStore Outbox => (IOutboxStore)Store;

    public FakeTimeProvider Clock { get; }

    public IGrievanceWorkflow Workflow { get; }

    /// <summary>The grievance, its history and its outbox events, read back from the store.</summary>
    public async Task<(GrievanceSnapshot Grievance, IReadOnlyList<HistoryEntry> History, int Events)> TraceAsync(GrievanceId id)
    {
        var grievance = (await Store.FindAsync(id, default))!;
        var history = await Store.GetHistoryAsync(id, default);
        // The outbox is read once, incrementally: events are counted per grievance as they appear.
        for (var page = await Outbox.ReadAsync(_read, 500, default); page.Count > 0; page = await Outbox.ReadAsync(_read, 500, default))
        {
            foreach (var message in page)
            {
                _events[message.Event.GrievanceId] = _events.GetValueOrDefault(message.Event.GrievanceId) + 1;
            }

            _read = page[^1].Position;
        }

        var events = _events.GetValueOrDefault(id);
        return (grievance, history, events);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        if (Store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        await _cleanUp();
    }
}
