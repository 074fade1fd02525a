using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Grievance.Workflow.Serialization;

namespace Grievance.Workflow;

/// <summary>The system identity of a grievance: an opaque <see cref="Guid"/>, stable for its whole life.</summary>
/// <remarks>The human-facing identity is the <see cref="ReferenceNumber"/>. This type is immutable and thread-safe.</remarks>
[JsonConverter(typeof(GrievanceIdJsonConverter))]
public readonly record struct GrievanceId
{
    /// <summary>Wraps an existing <see cref="Guid"/>.</summary>
    /// <param name="value">The identity; must not be <see cref="Guid.Empty"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is <see cref="Guid.Empty"/>.</exception>
    public GrievanceId(Guid value)
    {
        if (value == Guid.Empty)
        {
            throw new ArgumentException("A grievance id must not be the empty GUID.", nameof(value));
        }

        Value = value;
    }

    /// <summary>Gets the underlying value.</summary>
    public Guid Value { get; }

    /// <summary>
    /// Creates a new identity: a time-ordered UUID (version 7: the millisecond it was made, then 74 random bits), so that new
    /// grievances go to the end of every index keyed by the id instead of to random pages — what keeps registrations and imports
    /// of millions cheap on every store. The id tells when it was made, which the reference number tells anyway; it is not a secret.
    /// </summary>
    /// <returns>A fresh id.</returns>
    public static GrievanceId New()
    {
#if NET9_0_OR_GREATER
        return new(Guid.CreateVersion7(TimeProvider.System.GetUtcNow()));
#else
        Span<byte> bytes = stackalloc byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        var milliseconds = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F)); // version 7
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // RFC 9562 variant
        return new(new Guid(bytes, bigEndian: true));
#endif
    }

    /// <summary>Parses an id written by <see cref="ToString"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when the text is a non-empty GUID.</param>
    /// <returns><see langword="true"/> when the text was an id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out GrievanceId id)
    {
        if (Guid.TryParse(text, out var guid) && guid != Guid.Empty)
        {
            id = new GrievanceId(guid);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Parses an id written by <see cref="ToString"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="FormatException">The text is not a non-empty GUID.</exception>
    public static GrievanceId Parse(string text)
        => TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a grievance id (a non-empty GUID).");

    /// <summary>Returns the GUID in its 32-digit form without hyphens.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Value.ToString("N");
}
