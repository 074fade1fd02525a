using System;
using System.Security.Cryptography;

namespace Grievance.Workflow.Internal;

/// <summary>
/// Cryptographically strong random bytes, drawn from a per-thread buffer that is refilled 4 KiB at a time. One operating-system
/// call per 4 KiB instead of one per value: on virtual machines a single call can cost microseconds.
/// </summary>
/// <remarks>Thread-safe: each thread has its own buffer.</remarks>
internal static class SecureRandomBuffer
{
    private const int Size = 4096;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static int t_position;

    /// <summary>Fills <paramref name="destination"/> (at most 64 bytes) with random bytes.</summary>
    public static void Fill(Span<byte> destination)
    {
        var buffer = t_buffer;
        if (buffer is null || t_position + destination.Length > Size)
        {
            buffer = t_buffer ??= new byte[Size];
            RandomNumberGenerator.Fill(buffer);
            t_position = 0;
        }

        var source = buffer.AsSpan(t_position, destination.Length);
        source.CopyTo(destination);
        source.Clear();
        t_position += destination.Length;
    }

    /// <summary>
    /// Makes a time-ordered (version 7, RFC 9562) GUID: the millisecond of <paramref name="at"/>, then 74 random bits, so that new
    /// ids go to the end of the indexes keyed by them (see <see cref="GrievanceId.New"/>).
    /// </summary>
    public static Guid NewVersion7Guid(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        Fill(bytes);
        var milliseconds = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i))); // big-endian, as the GUID's text shows it
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F)); // version 7
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
