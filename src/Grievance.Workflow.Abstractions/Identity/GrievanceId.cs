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

    /// <summary>Creates a new, random identity.</summary>
    /// <returns>A fresh id.</returns>
    public static GrievanceId New() => new(Guid.NewGuid());

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
