using System;
using System.Buffers.Binary;
using Grievance.Workflow.Events;

namespace Grievance.Workflow.Storage;

/// <summary>
/// Writes domain events as compact binary records and reads them back, so an in-memory outbox holds bytes, not objects. Used for
/// events a caller made itself; the engine's own events are rebuilt from the history instead.
/// </summary>
/// <remarks>
/// Layout (little-endian): grievance id (16 bytes), sequence (int64), occurred-at UTC ticks (int64), due-at UTC ticks (int64, or
/// <see cref="long.MinValue"/> for none), index (int32), type, status, outcome, level (bytes), then reference number, channel,
/// department, officer (int32 UTF-8 byte count, -1 for null, then the bytes).
/// </remarks>
internal static class EventCodec
{
    private const int FixedSize = 16 + 8 + 8 + 8 + 4 + 4;

    public static int SizeOf(GrievanceEvent e)
        => FixedSize + BinaryText.SizeOf(e.ReferenceNumber.Value) + BinaryText.SizeOf(e.Channel.Code) + BinaryText.SizeOf(e.Department?.Value) + BinaryText.SizeOf(e.Officer?.Value);

    public static void Write(GrievanceEvent e, Span<byte> span)
    {
        e.GrievanceId.Value.TryWriteBytes(span);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], e.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], e.OccurredAt.UtcTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[32..], e.DueAt?.UtcTicks ?? long.MinValue);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], e.Index);
        span[44] = (byte)e.Type;
        span[45] = (byte)e.Status;
        span[46] = (byte)e.Outcome;
        span[47] = (byte)e.Level;
        var rest = span[FixedSize..];
        BinaryText.Write(ref rest, e.ReferenceNumber.Value);
        BinaryText.Write(ref rest, e.Channel.Code);
        BinaryText.Write(ref rest, e.Department?.Value);
        BinaryText.Write(ref rest, e.Officer?.Value);
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
