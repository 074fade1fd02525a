namespace Grievance.Workflow;

/// <summary>
/// The character rules every command and value of this library applies to what it is given, so that whatever passes validation
/// can be stored byte-exact by every store (in-memory, SQLite, PostgreSQL) and never forges a log line.
/// </summary>
/// <remarks>
/// <para><b>Free text</b> (a description, report, reason, remarks, note, question, answer, contact detail): well-formed UTF-16 —
/// every surrogate paired — and no control character (C0, DEL, C1) except tab, carriage return and line feed. Every script,
/// combining marks, zero-width joiners and emoji are kept as they are.</para>
/// <para><b>Identifiers</b> (complainant, officer, department, district, category, command id, reference number…): no control
/// character at all, no line or paragraph separator (U+2028, U+2029) and no surrogate (so no emoji): one line, safe in any log.</para>
/// <para>Host code can run the same checks ahead of the library, for example to show a form's validation message. Thread-safe.</para>
/// </remarks>
public static class GrievanceText
{
    /// <summary>Finds the first character that free text may not hold.</summary>
    /// <param name="value">The text.</param>
    /// <returns>Its index, or -1 when the text is well-formed (and for <see langword="null"/>).</returns>
    public static int FindInvalidTextCharacter(string? value)
    {
        if (value is null)
        {
            return -1;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\r' or '\n')))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Finds the first character that an identifier may not hold: a control character, a line or paragraph separator, or a surrogate.</summary>
    /// <param name="value">The identifier.</param>
    /// <returns>Its index, or -1 when there is none (and for <see langword="null"/>).</returns>
    public static int FindInvalidIdentifierCharacter(string? value)
    {
        if (value is null)
        {
            return -1;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]) || char.IsSurrogate(value[i]) || value[i] is '\u2028' or '\u2029')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Tells whether <paramref name="value"/> is well-formed free text (see the remarks of <see cref="GrievanceText"/>).</summary>
    /// <param name="value">The text.</param>
    /// <returns><see langword="true"/> when <see cref="FindInvalidTextCharacter"/> finds nothing.</returns>
    public static bool IsValidText(string? value) => FindInvalidTextCharacter(value) < 0;

    /// <summary>Tells whether <paramref name="value"/> is a valid identifier's characters (see the remarks of <see cref="GrievanceText"/>).</summary>
    /// <param name="value">The identifier.</param>
    /// <returns><see langword="true"/> when <see cref="FindInvalidIdentifierCharacter"/> finds nothing.</returns>
    public static bool IsValidIdentifier(string? value) => FindInvalidIdentifierCharacter(value) < 0;
}
