using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FluentAssertions;
using Grievance.Workflow.Telemetry;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Grievance.Workflow.Tests.Telemetry;

[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTestsRunAlone
{
}

/// <summary>Everything the workflow emits — logs, spans, metrics, exception messages — observed through a whole lifecycle.</summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests : IDisposable
{
    private const string Name = "Ram Prasad";
    private const string Phone = "+91-9800000042";
    private const string Email = "ram.prasad@example.org";
    private const string Address = "12 Hazratganj, Lucknow";

    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();
    private readonly Seed _seed;

    public TelemetryTests()
    {
        _seed = new Seed(build: b => b.Services
            .AddMetrics()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddFakeLogging()));
        var meterFactory = _seed.Services.GetRequiredService<IMeterFactory>();
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GrievanceTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GrievanceTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, tags.ToArray())));
        _meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, tags.ToArray())));
        _meterListener.Start();
    }

    [Fact]
    public async Task A_whole_lifecycle_is_observable_and_no_personal_data_ever_leaves_the_workflow()
    {
        var g = await RunLifecycleWithRefusalsAsync();

        g.Outcome.Should().Be(GrievanceOutcome.Resolved);
        var everything = LogTexts()
            .Concat(_activities.SelectMany(a => a.Tags.Select(t => $"{t.Key}={t.Value}").Append(a.DisplayName).Append(a.StatusDescription ?? string.Empty)))
            .Concat(_measurements.SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")))
            .Concat(_errors)
            .ToList();
        everything.Should().NotBeEmpty();
        foreach (var secret in new[] { Name, "Ram", Phone, "9800000042", Email, Address, "Hazratganj" })
        {
            everything.Should().NotContain(text => text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"'{secret}' is the complainant's personal data");
        }
    }

    [Fact]
    public async Task Metrics_count_commands_registrations_escalations_feedback_and_time_to_disposal()
    {
        await RunLifecycleWithRefusalsAsync();

        long Count(string instrument, params (string Key, object Value)[] tags) => (long)_measurements
            .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(x => x.Key == t.Key && Equals(x.Value, t.Value))))
            .Sum(m => m.Value);

        Count(GrievanceTelemetry.Commands, (GrievanceTelemetry.ActionTag, "ReportAction"), (GrievanceTelemetry.ResultTag, "accepted")).Should().Be(3);
        Count(GrievanceTelemetry.Commands, (GrievanceTelemetry.ResultTag, "unauthorized")).Should().Be(1);
        Count(GrievanceTelemetry.Commands, (GrievanceTelemetry.ResultTag, "not_allowed")).Should().Be(1);
        Count(GrievanceTelemetry.Commands, (GrievanceTelemetry.ResultTag, "not_found")).Should().Be(1);
        Count(GrievanceTelemetry.Registrations, (GrievanceTelemetry.ChannelTag, "helpline-1076")).Should().Be(1);
        Count(GrievanceTelemetry.Escalations, (GrievanceTelemetry.EscalationReasonTag, "dissatisfaction"), (GrievanceTelemetry.LevelTag, 2)).Should().Be(1);
        Count(GrievanceTelemetry.Feedback, (GrievanceTelemetry.FeedbackTag, "dissatisfied")).Should().Be(2);
        Count(GrievanceTelemetry.Feedback, (GrievanceTelemetry.FeedbackTag, "satisfied")).Should().Be(1);
        var disposal = _measurements.Where(m => m.Instrument == GrievanceTelemetry.DisposalDuration).Should().ContainSingle().Subject;
        disposal.Value.Should().Be(9 * 86_400, "three reports of 2 days and three feedback calls of 1 day, in seconds");
        disposal.Tags.Should().Contain(new KeyValuePair<string, object?>(GrievanceTelemetry.OutcomeTag, "Resolved"));
        _measurements.Count(m => m.Instrument == GrievanceTelemetry.CommandDuration).Should().Be(_measurements.Where(m => m.Instrument == GrievanceTelemetry.Commands).Sum(m => (int)m.Value));
    }

    [Fact]
    public async Task Every_command_runs_in_a_span_tagged_with_the_grievance_and_action_and_logs_carry_event_ids()
    {
        var g = await RunLifecycleWithRefusalsAsync();

        var spans = _activities.Where(a => a.Tags.Any(t => t.Key == GrievanceTelemetry.IdTag && t.Value == g.Id.ToString())).ToList();
        spans.Should().OnlyContain(a => a.OperationName == GrievanceTelemetry.CommandActivity);
        spans.Select(a => a.GetTagItem(GrievanceTelemetry.ActionTag)).Should().Contain(["Register", "ReportAction", "RecordDissatisfied", "RecordSatisfied", "AddNote"]);
        spans.Where(a => (string?)a.GetTagItem(GrievanceTelemetry.ResultTag) == "accepted").Select(a => a.GetTagItem(GrievanceTelemetry.VersionTag)).Should().Contain(7L);
        spans.Where(a => a.Status == ActivityStatusCode.Error).Select(a => a.StatusDescription).Should().BeEquivalentTo("unauthorized", "not_allowed");
        _seed.Services.GetRequiredService<FakeLogCollector>().GetSnapshot().Select(r => r.Id.Id).Should().Contain([1001, 1003, 1004, 1005]);
    }

    private async Task<GrievanceSnapshot> RunLifecycleWithRefusalsAsync()
    {
        var register = new RegisterGrievance(Seed.Agent, Channel.Helpline1076, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow", "Sadar"),
            new Complainant("citizen-42", new ContactDetails(Name, Phone, Email, Address)), $"I am {Name}, call me on {Phone}; bill at {Address} is wrong.");
        var g = (await _seed.Workflow.RegisterAsync(register)).Grievance;
        await _seed.Workflow.ExecuteAsync(new AddNote(g.Id, Seed.Agent, $"Spoke to {Name} on {Phone}."));
        await Refused(new ReportAction(g.Id, Seed.RevenueOfficer, $"Visited {Address}."));
        await Refused(new RecordFeedback(g.Id, Seed.Agent, FeedbackResponse.Satisfied, $"{Name} says thanks"));
        await Refused(new AddNote(GrievanceId.New(), Seed.Agent, Phone));
        g = await _seed.Workflow.GetAsync(g.Id);
        g = await _seed.FeedbackAsync(await _seed.ReportAsync(g, report: $"Met {Name} at {Address}."), FeedbackResponse.Dissatisfied, $"{Name}: still wrong");
        g = await _seed.FeedbackAsync(await _seed.ReportAsync(g), FeedbackResponse.Dissatisfied, $"Call {Phone}");
        g = await _seed.FeedbackAsync(await _seed.ReportAsync(g, Seed.OfficerL2), FeedbackResponse.Satisfied);
        return g;
    }

    private async Task Refused(GrievanceCommand command)
    {
        var result = await _seed.Workflow.TryExecuteAsync(command);
        result.Succeeded.Should().BeFalse();
        _errors.Enqueue(result.Error!.Message);
        _errors.Enqueue(result.Error.ToString());
    }

    /// <summary>Every log's message, structured values and exception, as text.</summary>
    private IEnumerable<string> LogTexts() => _seed.Services.GetRequiredService<FakeLogCollector>().GetSnapshot().SelectMany(r =>
        (r.StructuredState ?? []).Select(kv => $"{kv.Key}={kv.Value}").Append(r.Message).Append(r.Exception?.ToString() ?? string.Empty));

    public void Dispose()
    {
        _meterListener.Dispose();
        _activityListener.Dispose();
        _seed.Dispose();
    }
}
