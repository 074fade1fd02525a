using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Grievance.Workflow.PostgreSql;

/// <summary>
/// The store's statements with their named parameters (<c>@name</c>) made positional (<c>$1</c>, <c>$2</c>, …), each text rewritten
/// once: Npgsql sends a statement whose parameters have no names as it is, where it parses and rewrites one with named parameters at
/// every execution (a few dozen microseconds and a string a statement, a command's hottest statements carrying 20 to 30 parameters).
/// Thread-safe.
/// </summary>
internal sealed partial class PositionalParameters
{
    private readonly ConcurrentDictionary<string, string> _rewritten = new(StringComparer.Ordinal);

    /// <summary>
    /// The statement with each <c>@name</c> replaced by <c>$n</c>, n the name's place in <paramref name="names"/> from 1; a name used
    /// twice gets its place twice. Rewritten once per text: a text must always come with the same names, in the same order.
    /// </summary>
    /// <param name="sql">The statement; its parameters are named <c>@name</c>, and it has no <c>@</c> elsewhere.</param>
    /// <param name="names">The names bound to it, without <c>@</c>, in the order their values are bound.</param>
    /// <exception cref="ArgumentException">The statement names a parameter that <paramref name="names"/> does not hold.</exception>
    public string Of(string sql, IReadOnlyList<string> names)
        => _rewritten.GetOrAdd(sql, static (text, bound) => Rewrite(text, bound), names);

    /// <summary>How many statements were rewritten: for tests.</summary>
    public int Count => _rewritten.Count;

    private static string Rewrite(string sql, IReadOnlyList<string> names)
    {
        var places = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            places.TryAdd(names[i], i + 1);
        }

        return Placeholder().Replace(sql, m => places.TryGetValue(m.Groups[1].Value, out var place)
            ? "$" + place.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : throw new ArgumentException($"The statement names the parameter '{m.Value}', which is not among the {names.Count} bound to it: '{sql}'.", nameof(names)));
    }

    // A name is the longest run of word characters after "@": "@id" is never read as the start of "@id_card".
    [GeneratedRegex(@"@(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
