using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FluentAssertions;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Telemetry;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Telemetry;

/// <summary>
/// With nobody tracing, commands take a path without a span; their metrics must be the same whether the store answers at once
/// (in memory) or later (a store that yields before every answer, like a database).
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class UntracedTelemetryTests : IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();
    private readonly MeterListener _listener = new();

    public UntracedTelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GrievanceTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, tags.ToArray())));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, tags.ToArray())));
        _listener.Start();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Commands_are_counted_and_timed_without_a_span_whether_the_store_answers_at_once_or_later(bool storeYields)
    {
        using var source = new ActivitySource(GrievanceTelemetry.Name);
        source.HasListeners().Should().BeFalse("this collection runs alone and nothing here traces");
        using var seed = new Seed(build: b =>
        {
            b.Services.AddMetrics();
            if (storeYields)
            {
                b.UseStore(_ => new YieldingStore(new InMemoryGrievanceStore()));
            }
        });
        var g = await seed.RegisterAsync();
        await seed.ReportAsync(g);
        var refused = await seed.Workflow.TryExecuteAsync(new ReportAction(g.Id, Seed.OfficerL1, "Again."));

        refused.Succeeded.Should().BeFalse();
        var commands = _measurements.Where(m => m.Instrument == GrievanceTelemetry.Commands).ToList();
        commands.Select(m => ((string?)m.Tags.Single(t => t.Key == GrievanceTelemetry.ActionTag).Value, (string?)m.Tags.Single(t => t.Key == GrievanceTelemetry.ResultTag).Value))
            .Should().Equal(("Register", "accepted"), ("ReportAction", "accepted"), ("ReportAction", "not_allowed"));
        var durations = _measurements.Where(m => m.Instrument == GrievanceTelemetry.CommandDuration).Select(m => m.Value).ToList();
        durations.Should().HaveCount(3).And.OnlyContain(ms => ms >= 0 && ms < 60_000, "a duration is measured from the command's start, never from zero");
    }

    public void Dispose() => _listener.Dispose();
}
