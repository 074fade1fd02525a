using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Grievance.Workflow.Telemetry;

namespace Grievance.Workflow.Demo.Simulation;

// Escalations as the library's own metrics count them.
public static partial class HelplineSimulator
{
    /// <summary>Counts the library's escalations by reason from its own metrics, for this run's meter factory only.</summary>
    private sealed class EscalationListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

        public EscalationListener(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == GrievanceTelemetry.Escalations)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == GrievanceTelemetry.EscalationReasonTag)
                    {
                        _counts.AddOrUpdate(tag.Value?.ToString() ?? "unknown", value, (_, n) => n + value);
                    }
                }
            });
            _listener.Start();
        }

        public IReadOnlyDictionary<string, long> Counts => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

        public void Dispose() => _listener.Dispose();
    }
}
