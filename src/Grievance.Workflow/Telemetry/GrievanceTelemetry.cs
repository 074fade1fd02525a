namespace Grievance.Workflow.Telemetry;

/// <summary>
/// The names of the workflow's telemetry, for OpenTelemetry and <c>dotnet-counters</c>: one <see cref="System.Diagnostics.Metrics.Meter"/>
/// and one <see cref="System.Diagnostics.ActivitySource"/>, both named <see cref="Name"/>. No instrument, span or log carries
/// complainant data: only ids, actions, statuses, channels, levels and codes.
/// </summary>
public static class GrievanceTelemetry
{
    /// <summary>The name of the meter and of the activity source: <c>Grievance.Workflow</c>.</summary>
    public const string Name = "Grievance.Workflow";

    /// <summary>Counter of commands, tagged <see cref="ActionTag"/> and <see cref="ResultTag"/>. Unit <c>{command}</c>.</summary>
    public const string Commands = "grievance.workflow.commands";

    /// <summary>Counter of registrations, tagged <see cref="ChannelTag"/>. Unit <c>{grievance}</c>.</summary>
    public const string Registrations = "grievance.workflow.registrations";

    /// <summary>Counter of escalations, tagged <see cref="EscalationReasonTag"/> and <see cref="LevelTag"/> (the level reached). Unit <c>{escalation}</c>.</summary>
    public const string Escalations = "grievance.workflow.escalations";

    /// <summary>Counter of feedback results, tagged <see cref="FeedbackTag"/>. Unit <c>{feedback}</c>.</summary>
    public const string Feedback = "grievance.workflow.feedback";

    /// <summary>Histogram of command durations, store included, tagged <see cref="ActionTag"/> and <see cref="ResultTag"/>. Unit <c>s</c> (OpenTelemetry's unit for durations).</summary>
    public const string CommandDuration = "grievance.workflow.command.duration";

    /// <summary>Histogram of the time from registration to closure, tagged <see cref="OutcomeTag"/>. Unit <c>s</c> (OpenTelemetry's unit for durations; a dashboard divides by 86,400 for days).</summary>
    public const string DisposalDuration = "grievance.workflow.disposal.duration";

    /// <summary>
    /// Counter of attempts to deliver an outbox event to a subscriber, tagged <see cref="HandlerTag"/> and <see cref="ResultTag"/>
    /// (<c>delivered</c> or <c>failed</c>). Unit <c>{attempt}</c>.
    /// </summary>
    public const string OutboxAttempts = "grievance.workflow.outbox.attempts";

    /// <summary>
    /// Counter of commands whose clock read was earlier than the grievance's last history entry (a clock stepped back), so that
    /// the entry was recorded at the last entry's instant instead, tagged <see cref="ActionTag"/>. Unit <c>{command}</c>.
    /// </summary>
    public const string ClockRegressions = "grievance.workflow.clock.regressions";

    /// <summary>
    /// Histogram of background job runs (package Grievance.Workflow.Hosting), tagged <see cref="JobTag"/> and <see cref="ResultTag"/>
    /// (<c>completed</c> or <c>failed</c>): its count is the number of runs. Unit <c>s</c>.
    /// </summary>
    public const string JobRunDuration = "grievance.workflow.job.run.duration";

    /// <summary>The name of the span each command runs in.</summary>
    public const string CommandActivity = "grievance.command";

    /// <summary>Tag: a background job, for example <c>Sweeper</c>.</summary>
    public const string JobTag = "grievance.job";

    /// <summary>Tag: the name of an outbox subscriber, for example <c>sms</c>.</summary>
    public const string HandlerTag = "grievance.outbox.handler";

    /// <summary>Tag: the action, for example <c>ReportAction</c>.</summary>
    public const string ActionTag = "grievance.action";

    /// <summary>Tag: the result — <c>accepted</c>, <c>replayed</c>, or the refusal (<c>not_allowed</c>, <c>unauthorized</c>, <c>conflict</c>, <c>not_found</c>, <c>transfer_limit</c>, <c>duplicate</c>, <c>command_id_conflict</c>).</summary>
    public const string ResultTag = "grievance.result";

    /// <summary>Tag: the grievance id (spans only, never metrics).</summary>
    public const string IdTag = "grievance.id";

    /// <summary>Tag: the version after the command (spans only).</summary>
    public const string VersionTag = "grievance.version";

    /// <summary>Tag: the channel code of a well-known channel (<see cref="Channel.IsWellKnown"/>), or <c>other</c>.</summary>
    public const string ChannelTag = "grievance.channel";

    /// <summary>Tag: why it moved up — <c>dissatisfaction</c>, <c>sla_breach</c> or <c>manual</c>.</summary>
    public const string EscalationReasonTag = "grievance.escalation.reason";

    /// <summary>Tag: a level, 1 for L1.</summary>
    public const string LevelTag = "grievance.level";

    /// <summary>Tag: a feedback result — <c>satisfied</c>, <c>dissatisfied</c>, <c>not_reachable</c> or <c>window_expired</c>.</summary>
    public const string FeedbackTag = "grievance.feedback.outcome";

    /// <summary>Tag: a closed grievance's outcome, for example <c>Resolved</c>.</summary>
    public const string OutcomeTag = "grievance.outcome";
}
