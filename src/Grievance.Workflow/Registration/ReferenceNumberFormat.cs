using System;
using System.Globalization;
using System.Linq;

namespace Grievance.Workflow.Registration;

/// <summary>The shipped generators' format: <c>PREFIX-yyMMdd-XXXXXXXX</c>, the UTC date and 40 bits as eight Crockford base-32 characters.</summary>
internal static class ReferenceNumberFormat
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Whether a prefix is 1 to 16 ASCII letters or digits, as <see cref="GrievanceWorkflowOptions.ReferenceNumberPrefix"/> must be.</summary>
    public static bool IsValidPrefix(string? prefix) => !string.IsNullOrEmpty(prefix) && prefix.Length <= 16 && prefix.All(char.IsAsciiLetterOrDigit);

    /// <summary>The reference number of <paramref name="prefix"/>, the UTC date of <paramref name="now"/> and the low 40 bits of <paramref name="bits"/>.</summary>
    public static ReferenceNumber Create(string prefix, DateTimeOffset now, ulong bits)
    {
        Span<char> suffix = stackalloc char[8];
        for (var i = suffix.Length - 1; i >= 0; i--)
        {
            suffix[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return new ReferenceNumber(string.Concat(prefix, "-", now.UtcDateTime.ToString("yyMMdd", CultureInfo.InvariantCulture), "-", suffix.ToString()));
    }
}
