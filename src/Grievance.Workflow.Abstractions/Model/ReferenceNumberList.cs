using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using Grievance.Workflow.Internal;
using Grievance.Workflow.Serialization;

namespace Grievance.Workflow;

/// <summary>
/// A short list of other grievances' reference numbers (for example the likely duplicates intake found), compared by value: two
/// lists are equal when they hold the same references in the same order. The default value is the empty list.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(ReferenceNumberListJsonConverter))]
public readonly struct ReferenceNumberList : IEquatable<ReferenceNumberList>, IReadOnlyList<ReferenceNumber>
{
    /// <summary>The most references a list holds.</summary>
    public const int MaxCount = 10;

    private readonly ReferenceNumber[]? _references;

    /// <summary>Creates a list.</summary>
    /// <param name="references">The references, at most <see cref="MaxCount"/>, none the default value.</param>
    /// <exception cref="ArgumentException">More than <see cref="MaxCount"/>, or a default value among them.</exception>
    public ReferenceNumberList(IEnumerable<ReferenceNumber> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var array = references.ToArray();
        if (array.Length > MaxCount || Array.Exists(array, r => r.Value is null))
        {
            throw new ArgumentException($"A reference list holds at most {MaxCount} references, none the default value; got {array.Length}.", nameof(references));
        }

        _references = array.Length == 0 ? null : array;
    }

    /// <summary>Gets the empty list.</summary>
    public static ReferenceNumberList Empty => default;

    /// <inheritdoc />
    public int Count => _references?.Length ?? 0;

    /// <inheritdoc />
    public ReferenceNumber this[int index] => (_references ?? [])[index];

    /// <summary>Whether two lists hold the same references in the same order.</summary>
    /// <param name="left">One list.</param>
    /// <param name="right">The other.</param>
    /// <returns>The answer.</returns>
    public static bool operator ==(ReferenceNumberList left, ReferenceNumberList right) => left.Equals(right);

    /// <summary>Whether two lists differ.</summary>
    /// <param name="left">One list.</param>
    /// <param name="right">The other.</param>
    /// <returns>The answer.</returns>
    public static bool operator !=(ReferenceNumberList left, ReferenceNumberList right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ReferenceNumberList other) => ValueSequence.Equal(_references, other._references);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ReferenceNumberList other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ValueSequence.Hash(_references);

    /// <inheritdoc />
    public override string ToString() => ValueSequence.Text(_references);

    /// <inheritdoc />
    public IEnumerator<ReferenceNumber> GetEnumerator() => ValueSequence.Enumerate(_references);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
