using System;
using System.Buffers.Binary;

namespace Grievance.Workflow.Storage;

/// <summary>
/// Writes history entries as compact binary records and reads them back, so that a store can keep history as plain bytes:
/// nothing for the garbage collector to trace, however much history it holds.
/// </summary>
/// <remarks>
/// Record layout (little-endian): length (int32, of what follows), sequence (int64), occurred-at UTC ticks (int64), an offset
/// (int16, always 0: instants are kept in UTC), action, from status, to status, outcome, from level, to level, actor role (bytes), actor level (byte, 0 = none),
/// rating (byte, 0 = none), internal (byte, 0 or 1), the grievance's due time after the entry (UTC ticks, int64, or
/// <see cref="long.MinValue"/> for none: what an outbox needs besides the entry to rebuild the entry's events), then the strings actor id, actor department, department, officer, text, reason code, command id, command fingerprint
/// (each int32 UTF-8 byte count, -1 for null, then the bytes).
/// </remarks>
internal static class HistoryCodec
{
    private const int FixedSize = sizeof(int) + sizeof(long) + sizeof(long) + sizeof(short) + 10 + sizeof(long);
    private const int DueAtOffset = 32;

    /// <summary>Appends an entry to <paramref name="buffer"/> at <paramref name="length"/>, growing the buffer when needed.</summary>
    /// <param name="buffer">The grievance's history buffer.</param>
    /// <param name="length">The bytes used in it.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="dueAt">The grievance's due time after the entry.</param>
    public static void Append(ref byte[] buffer, ref int length, HistoryEntry entry, DateTimeOffset? dueAt)
    {
        var actor = entry.Actor;
        var size = FixedSize
            + BinaryText.SizeOf(actor.Id) + BinaryText.SizeOf(actor.Department?.Value) + BinaryText.SizeOf(entry.Department?.Value) + BinaryText.SizeOf(entry.Officer?.Value)
            + BinaryText.SizeOf(entry.Text) + BinaryText.SizeOf(entry.ReasonCode) + BinaryText.SizeOf(entry.CommandId?.Value) + BinaryText.SizeOf(entry.CommandFingerprint);
        if (buffer.Length - length < size)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + size));
        }

        var span = buffer.AsSpan(length, size);
        BinaryPrimitives.WriteInt32LittleEndian(span, size - sizeof(int));
        BinaryPrimitives.WriteInt64LittleEndian(span[4..], entry.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(span[12..], entry.OccurredAt.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 0); // instants are kept in UTC, as every store returns them
        span[22] = (byte)entry.Action;
        span[23] = (byte)entry.FromStatus;
        span[24] = (byte)entry.ToStatus;
        span[25] = (byte)entry.Outcome;
        span[26] = (byte)entry.FromLevel;
        span[27] = (byte)entry.ToLevel;
        span[28] = (byte)actor.Role;
        span[29] = (byte)(actor.Level ?? 0);
        span[30] = (byte)(entry.Rating ?? 0);
        span[31] = (byte)(entry.IsInternal ? 1 : 0);
        BinaryPrimitives.WriteInt64LittleEndian(span[DueAtOffset..], dueAt?.UtcTicks ?? long.MinValue);
        var rest = span[FixedSize..];
        BinaryText.Write(ref rest, actor.Id);
        BinaryText.Write(ref rest, actor.Department?.Value);
        BinaryText.Write(ref rest, entry.Department?.Value);
        BinaryText.Write(ref rest, entry.Officer?.Value);
        BinaryText.Write(ref rest, entry.Text);
        BinaryText.Write(ref rest, entry.ReasonCode);
        BinaryText.Write(ref rest, entry.CommandId?.Value);
        BinaryText.Write(ref rest, entry.CommandFingerprint);
        length += size;
    }

    /// <summary>Moves <paramref name="position"/> from the start of an entry to the start of the next one, decoding nothing.</summary>
    public static void Skip(ReadOnlySpan<byte> buffer, ref int position)
        => position += BinaryPrimitives.ReadInt32LittleEndian(buffer[position..]) + sizeof(int);

    /// <summary>Reads the due time recorded with the entry that starts at <paramref name="position"/>, in UTC.</summary>
    public static DateTimeOffset? DueAtOf(ReadOnlySpan<byte> buffer, int position)
    {
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(buffer[(position + DueAtOffset)..]);
        return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    /// <summary>Reads the entry that starts at <paramref name="position"/> and moves the position past it.</summary>
    /// <param name="buffer">The grievance's history.</param>
    /// <param name="position">Where the entry starts; moved past it.</param>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="withText">Whether to decode the free text; without it, <see cref="HistoryEntry.Text"/> is left empty (events never carry it).</param>
    public static HistoryEntry Read(ReadOnlySpan<byte> buffer, ref int position, GrievanceId grievanceId, bool withText = true)
    {
        var size = BinaryPrimitives.ReadInt32LittleEndian(buffer[position..]) + sizeof(int);
        var span = buffer.Slice(position, size);
        position += size;
        var rest = span[FixedSize..];
        var actorId = BinaryText.Read(ref rest)!;
        var actorDepartment = BinaryText.Read(ref rest);
        var role = (ActorRole)span[28];
        var actor = role switch
        {
            ActorRole.Officer => Actor.Officer(new OfficerId(actorId), new DepartmentId(actorDepartment!), span[29]),
            ActorRole.Complainant => Actor.Complainant(actorId),
            ActorRole.HelplineAgent => Actor.HelplineAgent(actorId),
            ActorRole.Administrator => Actor.Administrator(actorId),
            _ => Actor.System,
        };
        var department = BinaryText.Read(ref rest);
        var officer = BinaryText.Read(ref rest);
        string? text = null;
        if (withText)
        {
            text = BinaryText.Read(ref rest);
        }
        else
        {
            BinaryText.Skip(ref rest);
        }

        var reasonCode = BinaryText.Read(ref rest);
        var commandId = BinaryText.Read(ref rest);
        var fingerprint = BinaryText.Read(ref rest);
        return new HistoryEntry
        {
            GrievanceId = grievanceId,
            Sequence = BinaryPrimitives.ReadInt64LittleEndian(span[4..]),
            OccurredAt = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(span[12..]), TimeSpan.Zero),
            Actor = actor,
            Action = (GrievanceAction)span[22],
            FromStatus = (GrievanceStatus)span[23],
            ToStatus = (GrievanceStatus)span[24],
            Outcome = (GrievanceOutcome)span[25],
            FromLevel = span[26],
            ToLevel = span[27],
            Department = department is null ? null : new DepartmentId(department),
            Officer = officer is null ? null : new OfficerId(officer),
            Text = text,
            ReasonCode = reasonCode,
            Rating = span[30] == 0 ? null : span[30],
            IsInternal = span[31] != 0,
            CommandId = commandId is null ? null : new CommandId(commandId),
            CommandFingerprint = fingerprint,
        };
    }
}
