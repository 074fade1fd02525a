using System;
using Microsoft.Extensions.Logging;

namespace Grievance.Workflow.Telemetry;

/// <summary>The workflow's log messages: source-generated, with stable event ids, and never a complainant's data or free text.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Grievance {GrievanceId}: {Action} accepted, now {Status} at L{Level}, version {Version}")]
    public static partial void CommandAccepted(ILogger logger, GrievanceId grievanceId, GrievanceAction action, GrievanceStatus status, int level, long version);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Grievance {GrievanceId}: {Action} replayed for command id {CommandId}")]
    public static partial void CommandReplayed(ILogger logger, GrievanceId grievanceId, GrievanceAction action, string? commandId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Grievance {GrievanceId}: {Action} refused ({Result})")]
    public static partial void CommandRefused(ILogger logger, GrievanceId? grievanceId, GrievanceAction action, string result);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Grievance {GrievanceId} registered as {ReferenceNumber} via {Channel}, {Status}")]
    public static partial void Registered(ILogger logger, GrievanceId grievanceId, ReferenceNumber referenceNumber, Channel channel, GrievanceStatus status);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Grievance {GrievanceId} escalated from L{FromLevel} to L{ToLevel} ({Reason})")]
    public static partial void Escalated(ILogger logger, GrievanceId grievanceId, int fromLevel, int toLevel, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "Grievance {GrievanceId}: {Action} lost a concurrent write at attempt {Attempt}; deciding again")]
    public static partial void ConcurrencyRetry(ILogger logger, GrievanceId grievanceId, GrievanceAction action, int attempt);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Retention: anonymized the complainants of {Count} grievances closed before {ClosedBefore:O}")]
    public static partial void Anonymized(ILogger logger, int count, System.DateTimeOffset closedBefore);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Retention: deleted {Count} outbox events delivered to every subscriber up to position {UpToPosition} and recorded before {RecordedBefore:O}")]
    public static partial void OutboxPruned(ILogger logger, int count, long upToPosition, System.DateTimeOffset recordedBefore);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Outbox: subscriber {Handler} failed on event {Position} ({EventType} of grievance {GrievanceId}) at attempt {Attempt} of {MaxAttempts}; retrying in {Backoff}")]
    public static partial void DeliveryFailed(ILogger logger, System.Exception exception, string handler, long position, Events.GrievanceEventType eventType, GrievanceId grievanceId, int attempt, int maxAttempts, System.TimeSpan backoff);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Grievance {GrievanceId}: the clock read {ClockRead:O}, earlier than its last entry at {LastEntry:O}; {Action} is recorded at {LastEntry:O} so that history never goes back in time")]
    public static partial void ClockRegressed(ILogger logger, GrievanceId grievanceId, GrievanceAction action, DateTimeOffset clockRead, DateTimeOffset lastEntry);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Outbox: subscriber {Handler} stalled at event {Position} ({EventType} of grievance {GrievanceId}) after {Attempts} attempts; the next dispatch starts there again")]
    public static partial void DeliveryStalled(ILogger logger, System.Exception exception, string handler, long position, Events.GrievanceEventType eventType, GrievanceId grievanceId, int attempts);
}
