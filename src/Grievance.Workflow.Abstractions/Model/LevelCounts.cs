using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using Grievance.Workflow.Internal;
using Grievance.Workflow.Serialization;

namespace Grievance.Workflow;

/// <summary>A count per officer level (index 0 is L1), such as how often a grievance was reopened at each level. Compared by value.</summary>
/// <remarks>Immutable and thread-safe. The default value is empty: zero at every level.</remarks>
[JsonConverter(typeof(LevelCountsJsonConverter))]
public readonly struct LevelCounts : IEquatable<LevelCounts>, IReadOnlyList<int>
{
    private readonly int[]? _counts;

    /// <summary>Creates counts from a sequence, L1 first.</summary>
    /// <param name="counts">The counts; none negative, at most <see cref="GrievanceLimits.MaxLevels"/>.</param>
    /// <exception cref="ArgumentException">A count is negative, or there are more counts than levels.</exception>
    public LevelCounts(IEnumerable<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var array = counts.ToArray();
        if (array.Length > GrievanceLimits.MaxLevels || array.Any(c => c < 0))
        {
            throw new ArgumentException($"Level counts are 0 or more, for at most {GrievanceLimits.MaxLevels} levels; got [{string.Join(", ", array)}].", nameof(counts));
        }

        _counts = array.Length == 0 ? null : array;
    }

    private LevelCounts(int[] counts) => _counts = counts;

    /// <summary>Gets the empty counts: zero at every level.</summary>
    public static LevelCounts Empty => default;

    /// <summary>Gets how many levels have an entry.</summary>
    public int Count => _counts?.Length ?? 0;

    /// <summary>Gets the count at an index (0 for L1).</summary>
    /// <param name="index">The index, from 0 to <see cref="Count"/> - 1.</param>
    /// <returns>The count.</returns>
    public int this[int index] => (_counts ?? [])[index];

    /// <summary>Gets the count at a level.</summary>
    /// <param name="level">The level, 1 for L1.</param>
    /// <returns>The count; 0 for a level with no entry.</returns>
    public int At(int level) => level >= 1 && level <= Count ? _counts![level - 1] : 0;

    /// <summary>Returns the counts with one more at <paramref name="level"/>.</summary>
    /// <param name="level">The level, 1 for L1, up to <see cref="GrievanceLimits.MaxLevels"/>.</param>
    /// <returns>The new counts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 1 to <see cref="GrievanceLimits.MaxLevels"/>.</exception>
    public LevelCounts Increment(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, GrievanceLimits.MaxLevels);
        var array = new int[Math.Max(Count, level)];
        _counts?.CopyTo(array, 0);
        array[level - 1]++;
        return new LevelCounts(array);
    }

    /// <summary>Compares two counts by value.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(LevelCounts left, LevelCounts right) => left.Equals(right);

    /// <summary>Compares two counts by value.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(LevelCounts left, LevelCounts right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(LevelCounts other) => ValueSequence.Equal(_counts, other._counts);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LevelCounts other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ValueSequence.Hash(_counts);

    /// <summary>Returns the counts as a list, for example <c>[1, 0, 2]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ValueSequence.Text(_counts);

    /// <inheritdoc />
    public IEnumerator<int> GetEnumerator() => ValueSequence.Enumerate(_counts);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
