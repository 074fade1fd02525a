using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Grievance.Workflow.Telemetry;

/// <summary>The workflow's meter, instruments and activity source. Recording is skipped cheaply when nobody listens.</summary>
internal sealed class WorkflowInstruments : IDisposable
{
    private static readonly ActivitySource Source = new(GrievanceTelemetry.Name, typeof(WorkflowInstruments).Assembly.GetName().Version?.ToString());

    private readonly Meter _meter;
    private readonly Counter<long> _commands;
    private readonly Counter<long> _registrations;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _feedback;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _disposal;
    private readonly Counter<long> _outboxAttempts;
    private readonly Counter<long> _clockRegressions;

    public WorkflowInstruments(IMeterFactory? meterFactory)
    {
        var version = typeof(WorkflowInstruments).Assembly.GetName().Version?.ToString();
        _meter = meterFactory?.Create(new MeterOptions(GrievanceTelemetry.Name) { Version = version }) ?? new Meter(GrievanceTelemetry.Name, version);
        _commands = _meter.CreateCounter<long>(GrievanceTelemetry.Commands, "{command}", "Commands applied to grievances, by action and result.");
        _registrations = _meter.CreateCounter<long>(GrievanceTelemetry.Registrations, "{grievance}", "Grievances registered, by channel.");
        _escalations = _meter.CreateCounter<long>(GrievanceTelemetry.Escalations, "{escalation}", "Grievances moved up a level, by reason and level reached.");
        _feedback = _meter.CreateCounter<long>(GrievanceTelemetry.Feedback, "{feedback}", "Feedback calls and windows, by result.");
        _duration = _meter.CreateHistogram<double>(GrievanceTelemetry.CommandDuration, "s", "How long a command took, store included.");
        _disposal = _meter.CreateHistogram<double>(GrievanceTelemetry.DisposalDuration, "s", "Time from registration to closure, by outcome.");
        _clockRegressions = _meter.CreateCounter<long>(GrievanceTelemetry.ClockRegressions, "{command}", "Commands whose clock read was earlier than the grievance's last entry, recorded at that entry's instant instead.");
        _outboxAttempts = _meter.CreateCounter<long>(GrievanceTelemetry.OutboxAttempts, "{attempt}", "Attempts to deliver an outbox event to a subscriber, by subscriber and result.");
    }

    /// <summary>Counts a command recorded at its grievance's last instant because the clock read earlier.</summary>
    public void ClockRegressed(GrievanceAction action) => _clockRegressions.Add(1, new KeyValuePair<string, object?>(GrievanceTelemetry.ActionTag, action.ToString()));

    /// <summary>Gets whether anyone listens to the workflow's activities.</summary>
    public static bool IsTracing => Source.HasListeners();

    /// <summary>Reads the timestamp a command's duration is measured from, or 0 when nobody listens to durations.</summary>
    public long StartTiming() => _duration.Enabled ? Stopwatch.GetTimestamp() : 0;

    public static Activity? StartCommand(GrievanceAction action, GrievanceId? grievanceId)
    {
        var activity = Source.StartActivity(GrievanceTelemetry.CommandActivity, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.DisplayName = $"grievance {action}";
            activity.SetTag(GrievanceTelemetry.ActionTag, action.ToString());
            if (grievanceId is { } id)
            {
                activity.SetTag(GrievanceTelemetry.IdTag, id.ToString());
            }
        }

        return activity;
    }

    public void Completed(GrievanceAction action, string result, long startTimestamp, Activity? activity, CommandResult? done)
    {
        if (_commands.Enabled)
        {
            _commands.Add(1, new KeyValuePair<string, object?>(GrievanceTelemetry.ActionTag, action.ToString()), new KeyValuePair<string, object?>(GrievanceTelemetry.ResultTag, result));
        }

        if (_duration.Enabled && startTimestamp != 0)
        {
            _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>(GrievanceTelemetry.ActionTag, action.ToString()), new KeyValuePair<string, object?>(GrievanceTelemetry.ResultTag, result));
        }

        if (activity is not null)
        {
            activity.SetTag(GrievanceTelemetry.ResultTag, result);
            if (done is not null)
            {
                activity.SetTag(GrievanceTelemetry.IdTag, done.Grievance.Id.ToString());
                activity.SetTag(GrievanceTelemetry.VersionTag, done.Grievance.Version);
            }
            else
            {
                activity.SetStatus(ActivityStatusCode.Error, result);
            }
        }

        if (done is null || done.IsReplay)
        {
            return;
        }

        var entry = done.Entry;
        if (entry.Action == GrievanceAction.Register && _registrations.Enabled)
        {
            _registrations.Add(1, new KeyValuePair<string, object?>(GrievanceTelemetry.ChannelTag, ChannelTagOf(done.Grievance.Channel)));
        }

        if (entry.ToLevel > entry.FromLevel && entry.Action != GrievanceAction.Transfer && _escalations.Enabled)
        {
            _escalations.Add(1, new KeyValuePair<string, object?>(GrievanceTelemetry.EscalationReasonTag, EscalationReasonOf(entry.Action)), new KeyValuePair<string, object?>(GrievanceTelemetry.LevelTag, entry.ToLevel));
        }

        if (FeedbackOf(entry.Action) is { } feedback && _feedback.Enabled)
        {
            _feedback.Add(1, new KeyValuePair<string, object?>(GrievanceTelemetry.FeedbackTag, feedback));
        }

        if (entry.FromStatus != GrievanceStatus.Closed && entry.ToStatus == GrievanceStatus.Closed && _disposal.Enabled)
        {
            _disposal.Record((entry.OccurredAt - done.Grievance.RegisteredAt).TotalSeconds, new KeyValuePair<string, object?>(GrievanceTelemetry.OutcomeTag, entry.Outcome.ToString()));
        }
    }

    /// <summary>Counts one attempt to deliver an outbox event to a subscriber.</summary>
    public void DeliveryAttempted(string handler, bool delivered)
    {
        if (_outboxAttempts.Enabled)
        {
            _outboxAttempts.Add(1, new KeyValuePair<string, object?>(GrievanceTelemetry.HandlerTag, handler), new KeyValuePair<string, object?>(GrievanceTelemetry.ResultTag, delivered ? "delivered" : "failed"));
        }
    }

    public static string EscalationReasonOf(GrievanceAction action) => action switch
    {
        GrievanceAction.SlaBreach => "sla_breach",
        GrievanceAction.Escalate => "manual",
        _ => "dissatisfaction",
    };

    public static string ResultOf(GrievanceWorkflowException error) => error switch
    {
        GrievanceActionNotAllowedException => "not_allowed",
        GrievanceAuthorizationException => "unauthorized",
        GrievanceConcurrencyException => "conflict",
        GrievanceNotFoundException => "not_found",
        TransferLimitExceededException => "transfer_limit",
        ExtensionLimitExceededException => "extension_limit",
        DeadlineExtensionOutOfRangeException => "extension_out_of_range",
        DuplicateGrievanceException => "duplicate",
        CommandIdConflictException => "command_id_conflict",
        _ => "error",
    };

    public void Dispose() => _meter.Dispose();

    private static string? FeedbackOf(GrievanceAction action) => action switch
    {
        GrievanceAction.RecordSatisfied => "satisfied",
        GrievanceAction.RecordDissatisfied => "dissatisfied",
        GrievanceAction.RecordUnreachable => "not_reachable",
        GrievanceAction.FeedbackWindowExpired => "window_expired",
        _ => null,
    };

    /// <summary>The channel as a tag value: a well-known channel by its code, any other as <c>other</c>, so the tag's cardinality stays bounded.</summary>
    internal static string ChannelTagOf(Channel channel) => channel.IsWellKnown ? channel.Code : "other";
}
