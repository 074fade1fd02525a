using System;
using System.Buffers.Binary;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Storage;

/// <summary>Writes domain events as compact binary records and reads them back, so an in-memory outbox holds bytes, not objects.</summary>
/// <remarks>
/// Layout (little-endian): grievance id (16 bytes), sequence (int64), occurred-at UTC ticks (int64), due-at UTC ticks (int64, or
/// <see cref="long.MinValue"/> for none), index (int32), type, status, outcome, level (bytes), then reference number, channel,
/// department, officer (int32 UTF-8 byte count, -1 for null, then the bytes).
/// </remarks>
internal static class EventCodec
{
    private const int FixedSize = 16 + 8 + 8 + 8 + 4 + 4;

    public static int SizeOf(GrievanceEvent e) => SizeOf(e.ReferenceNumber, e.Channel, e.Department, e.Officer);

    /// <summary>The size of any event of a command: every event of one command shares its variable-length fields.</summary>
    public static int SizeOf(GrievanceSnapshot after) => SizeOf(after.ReferenceNumber, after.Channel, after.Department, after.Officer);

    private static int SizeOf(ReferenceNumber reference, Channel channel, DepartmentId? department, OfficerId? officer)
        => FixedSize + BinaryText.SizeOf(reference.Value) + BinaryText.SizeOf(channel.Code) + BinaryText.SizeOf(department?.Value) + BinaryText.SizeOf(officer?.Value);

    public static void Write(GrievanceEvent e, Span<byte> span)
        => Write(span, e.GrievanceId, e.Sequence, e.OccurredAt, e.DueAt, e.Index, e.Type, e.Status, e.Outcome, e.Level, e.ReferenceNumber, e.Channel, e.Department, e.Officer);

    /// <summary>Writes the event at <paramref name="index"/> of a command straight from its parts, with no event object.</summary>
    public static void Write(HistoryEntry entry, GrievanceSnapshot after, int index, GrievanceEventType type, Span<byte> span)
        => Write(span, after.Id, entry.Sequence, entry.OccurredAt, after.DueAt, index, type, after.Status, after.Outcome, after.Level, after.ReferenceNumber, after.Channel, after.Department, after.Officer);

    private static void Write(
        Span<byte> span, GrievanceId id, long sequence, DateTimeOffset occurredAt, DateTimeOffset? dueAt, int index, GrievanceEventType type, GrievanceStatus status,
        GrievanceOutcome outcome, int level, ReferenceNumber reference, Channel channel, DepartmentId? department, OfficerId? officer)
    {
        id.Value.TryWriteBytes(span);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], sequence);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], occurredAt.UtcTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[32..], dueAt?.UtcTicks ?? long.MinValue);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], index);
        span[44] = (byte)type;
        span[45] = (byte)status;
        span[46] = (byte)outcome;
        span[47] = (byte)level;
        var rest = span[FixedSize..];
        BinaryText.Write(ref rest, reference.Value);
        BinaryText.Write(ref rest, channel.Code);
        BinaryText.Write(ref rest, department?.Value);
        BinaryText.Write(ref rest, officer?.Value);
    }

    public static GrievanceEvent Read(ReadOnlySpan<byte> span)
    {
        var rest = span[FixedSize..];
        var reference = BinaryText.Read(ref rest)!;
        var channel = BinaryText.Read(ref rest)!;
        var department = BinaryText.Read(ref rest);
        var officer = BinaryText.Read(ref rest);
        var due = BinaryPrimitives.ReadInt64LittleEndian(span[32..]);
        return new GrievanceEvent
        {
            GrievanceId = new GrievanceId(new Guid(span[..16])),
            ReferenceNumber = new ReferenceNumber(reference),
            Sequence = BinaryPrimitives.ReadInt64LittleEndian(span[16..]),
            Index = BinaryPrimitives.ReadInt32LittleEndian(span[40..]),
            Type = (GrievanceEventType)span[44],
            OccurredAt = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(span[24..]), TimeSpan.Zero),
            Channel = new Channel(channel),
            Status = (GrievanceStatus)span[45],
            Outcome = (GrievanceOutcome)span[46],
            Level = span[47],
            Department = department is null ? null : new DepartmentId(department),
            Officer = officer is null ? null : new OfficerId(officer),
            DueAt = due == long.MinValue ? null : new DateTimeOffset(due, TimeSpan.Zero),
        };
    }
}
