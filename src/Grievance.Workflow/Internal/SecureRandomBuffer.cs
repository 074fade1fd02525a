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

    /// <summary>Makes a random (version 4, RFC 9562) GUID.</summary>
    public static Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        Fill(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (byte 7 holds the high byte of the third group in little-endian layout)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes);
    }
}
