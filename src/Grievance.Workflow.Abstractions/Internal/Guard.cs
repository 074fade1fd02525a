using System;

namespace Grievance.Workflow.Internal;

/// <summary>Argument checks shared by the value types of this package.</summary>
internal static class Guard
{
    /// <summary>Returns <paramref name="value"/> when it is a non-blank identifier of at most <paramref name="maxLength"/> characters.</summary>
    public static string Identifier(string? value, string paramName, int maxLength = GrievanceLimits.MaxIdentifierLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {paramName} must not be empty or white space.", paramName);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"The {paramName} is {value.Length} characters long; the limit is {maxLength}.", paramName);
        }

        return value;
    }

    /// <summary>Returns <paramref name="value"/> when it is non-blank text of at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</summary>
    public static string Text(string? value, string paramName)
        => Identifier(value, paramName, GrievanceLimits.MaxTextLength);

    /// <summary>Returns <paramref name="value"/> when it is null or text of at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</summary>
    public static string? OptionalText(string? value, string paramName)
    {
        if (value is not null && value.Length > GrievanceLimits.MaxTextLength)
        {
            throw new ArgumentException($"The {paramName} is {value.Length} characters long; the limit is {GrievanceLimits.MaxTextLength}.", paramName);
        }

        return value;
    }
}
