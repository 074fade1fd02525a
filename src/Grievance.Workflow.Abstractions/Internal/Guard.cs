using System;

namespace Grievance.Workflow.Internal;

/// <summary>Argument checks shared by the value types of this package: every identifier and free text passes here.</summary>
internal static class Guard
{
    /// <summary>
    /// Returns <paramref name="value"/> when it is a non-blank identifier of at most <paramref name="maxLength"/> characters with no
    /// control character and no surrogate (see <see cref="GrievanceText.FindInvalidIdentifierCharacter"/>).
    /// </summary>
    public static string Identifier(string? value, string paramName, int maxLength = GrievanceLimits.MaxIdentifierLength)
    {
        NotBlank(value, paramName, maxLength);
        var bad = GrievanceText.FindInvalidIdentifierCharacter(value);
        return bad < 0 ? value : throw Invalid(value, bad, paramName, "an identifier allows no control character, line separator or surrogate");
    }

    /// <summary>Returns <paramref name="value"/> when it is non-blank, well-formed text of at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</summary>
    public static string Text(string? value, string paramName)
    {
        NotBlank(value, paramName, GrievanceLimits.MaxTextLength);
        return WellFormed(value, paramName);
    }

    /// <summary>Returns <paramref name="value"/> when it is null or well-formed text of at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</summary>
    public static string? OptionalText(string? value, string paramName)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > GrievanceLimits.MaxTextLength)
        {
            throw new ArgumentException($"The {paramName} is {value.Length} characters long; the limit is {GrievanceLimits.MaxTextLength}.", paramName);
        }

        return WellFormed(value, paramName);
    }

    private static void NotBlank([System.Diagnostics.CodeAnalysis.NotNull] string? value, string paramName, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {paramName} must not be empty or white space.", paramName);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"The {paramName} is {value.Length} characters long; the limit is {maxLength}.", paramName);
        }
    }

    private static string WellFormed(string value, string paramName)
    {
        var bad = GrievanceText.FindInvalidTextCharacter(value);
        return bad < 0 ? value : throw Invalid(value, bad, paramName, "text must be well-formed UTF-16 with no control character but tab, carriage return and line feed");
    }

    // Names the parameter, the position and the code unit (a control character or a lone surrogate: never personal data), never the text.
    private static ArgumentException Invalid(string value, int position, string paramName, string rule)
        => new($"The {paramName} has an invalid character U+{(int)value[position]:X4} at position {position}: {rule}.", paramName);
}
