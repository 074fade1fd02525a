using System;
using System.Buffers.Binary;
using System.Text;

namespace Grievance.Workflow.Storage;

/// <summary>Length-prefixed UTF-8 strings for the binary codecs: an int32 byte count (-1 for null), then the bytes.</summary>
internal static class BinaryText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static int SizeOf(string? value) => sizeof(int) + (value is null ? 0 : Utf8.GetByteCount(value));

    public static void Write(ref Span<byte> span, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span, -1);
            span = span[sizeof(int)..];
            return;
        }

        var count = Utf8.GetBytes(value, span[sizeof(int)..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, count);
        span = span[(sizeof(int) + count)..];
    }

    public static string? Read(ref ReadOnlySpan<byte> span)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(span);
        span = span[sizeof(int)..];
        if (count < 0)
        {
            return null;
        }

        var value = Utf8.GetString(span[..count]);
        span = span[count..];
        return value;
    }

    /// <summary>Moves past a string without decoding it.</summary>
    public static void Skip(ref ReadOnlySpan<byte> span)
        => span = span[(sizeof(int) + Math.Max(0, BinaryPrimitives.ReadInt32LittleEndian(span)))..];
}
