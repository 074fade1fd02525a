using System;
using System.Collections.Generic;

namespace Grievance.Workflow.Internal;

/// <summary>What the value-compared lists (<see cref="LevelCounts"/>, <see cref="ReferenceNumberList"/>) share: an array that may be null for empty.</summary>
internal static class ValueSequence
{
    public static bool Equal<T>(T[]? left, T[]? right)
        where T : IEquatable<T>
        => ((ReadOnlySpan<T>)left).SequenceEqual(right);

    public static int Hash<T>(T[]? items)
    {
        var hash = new HashCode();
        foreach (var item in items ?? [])
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public static string Text<T>(T[]? items) => $"[{string.Join(", ", items ?? [])}]";

    public static IEnumerator<T> Enumerate<T>(T[]? items) => ((IEnumerable<T>)(items ?? [])).GetEnumerator();
}
