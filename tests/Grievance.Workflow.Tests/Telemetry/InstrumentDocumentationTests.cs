using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using FluentAssertions;
using Grievance.Workflow.Telemetry;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Telemetry;

/// <summary>
/// Every instrument the packages create is in the README's table with the unit it is created with, and follows OpenTelemetry's
/// conventions: a duration is named <c>….duration</c> and measured in seconds.
/// </summary>
public sealed partial class InstrumentDocumentationTests
{
    [Fact]
    public void Every_instrument_is_documented_with_its_unit_and_durations_are_in_seconds()
    {
        using var seed = new Seed(build: b => b.Services.AddMetrics());
        var meterFactory = seed.Services.GetRequiredService<IMeterFactory>();
        var published = new List<(string Name, string? Unit)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == GrievanceTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    lock (published)
                    {
                        published.Add((instrument.Name, instrument.Unit));
                    }
                }
            },
        };
        listener.Start();
        _ = seed.Workflow; // the engine's instruments
        _ = new Grievance.Workflow.Hosting.JobInstruments(meterFactory); // the background jobs' instrument

        var documented = Table().Matches(File.ReadAllText(Path.Combine(Repository.Root, "README.md")))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["unit"].Value);

        published.Should().HaveCountGreaterThan(8);
        foreach (var (name, unit) in published)
        {
            documented.Should().ContainKey(name, "every instrument is in the README's table");
            documented[name].Should().Be(unit, "the README gives {0}'s unit", name);
            if (name.EndsWith(".duration", StringComparison.Ordinal) || unit is "ms" or "d" or "min" or "h")
            {
                unit.Should().Be("s", "OpenTelemetry measures durations in seconds ({0})", name);
            }
        }
    }

    [GeneratedRegex(@"^\| `(?<name>grievance\.workflow\.[a-z.]+)` \| [a-z]+, `(?<unit>[^`]+)`", RegexOptions.Multiline)]
    private static partial Regex Table();
}
