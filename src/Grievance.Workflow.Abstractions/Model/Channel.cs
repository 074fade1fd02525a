using System.Text.Json.Serialization;
using Grievance.Workflow.Internal;
using Grievance.Workflow.Serialization;

namespace Grievance.Workflow;

/// <summary>
/// The channel a grievance arrived through. An extensible value: the well-known channels are properties here,
/// and any other is made with <c>new Channel("thana-samadhan-diwas")</c>.
/// </summary>
/// <remarks>
/// A channel is a code, not free text: lower-case ASCII letters, digits and <c>-</c>, starting with a letter or digit, at most
/// <see cref="MaxLength"/> characters. It names where complaints come from, never who made one, so it is safe in logs; telemetry
/// tags carry the well-known channels by code and any other as <c>other</c> (<see cref="IsWellKnown"/>), keeping their
/// cardinality bounded. The same lifecycle, feedback included, applies to every channel. Immutable and thread-safe.
/// </remarks>
[JsonConverter(typeof(ChannelJsonConverter))]
public readonly record struct Channel
{
    /// <summary>Creates a channel from its code.</summary>
    /// <param name="code">A short, stable code in kebab case, for example <c>helpline-1076</c>.</param>
    /// <exception cref="System.ArgumentException"><paramref name="code"/> is blank, longer than <see cref="MaxLength"/>, or holds a character other than a-z, 0-9 and <c>-</c> (or starts with <c>-</c>).</exception>
    public Channel(string code) => Code = Validate(code);

    /// <summary>The most characters a channel code may have: 64.</summary>
    public const int MaxLength = 64;

    /// <summary>Gets whether this is one of the well-known channels declared here (the ones telemetry tags by name).</summary>
    public bool IsWellKnown => Code is not null && WellKnownCodes.Contains(Code);

    /// <summary>Gets the channel's code.</summary>
    public string Code { get; }

    /// <summary>Gets a call to the chief minister's helpline 1076.</summary>
    public static Channel Helpline1076 { get; } = new("helpline-1076");

    /// <summary>Gets the chief minister's office.</summary>
    public static Channel CmOffice { get; } = new("cm-office");

    /// <summary>Gets the district magistrate's portal.</summary>
    public static Channel DmPortal { get; } = new("dm-portal");

    /// <summary>Gets a Tehsil Diwas (the tehsil-level public hearing day).</summary>
    public static Channel TehsilDiwas { get; } = new("tehsil-diwas");

    /// <summary>Gets the online public-grievance portal (such as the Union PG portal).</summary>
    public static Channel OnlinePgPortal { get; } = new("online-pg-portal");

    /// <summary>Gets the host's own web site.</summary>
    public static Channel Web { get; } = new("web");

    /// <summary>Gets the host's mobile app.</summary>
    public static Channel MobileApp { get; } = new("mobile-app");

    /// <summary>Gets e-mail.</summary>
    public static Channel Email { get; } = new("email");

    /// <summary>Gets a letter by post.</summary>
    public static Channel Post { get; } = new("post");

    // Initialized after the properties above (static initializers run in text order): one list of the well-known codes.
    private static readonly System.Collections.Generic.HashSet<string> WellKnownCodes = new(System.StringComparer.Ordinal)
    {
        Helpline1076.Code, CmOffice.Code, DmPortal.Code, TehsilDiwas.Code, OnlinePgPortal.Code, Web.Code, MobileApp.Code, Email.Code, Post.Code,
    };

    private static string Validate(string code)
    {
        Guard.Identifier(code, nameof(code), MaxLength);
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (c == '-' && i > 0)))
            {
                throw new System.ArgumentException(
                    $"The channel code has an invalid character U+{(int)c:X4} at position {i}: a channel code is lower-case letters a-z, digits and '-', starting with a letter or digit.", nameof(code));
            }
        }

        return code;
    }

    /// <summary>Returns <see cref="Code"/>.</summary>
    /// <returns>The channel code.</returns>
    public override string ToString() => Code ?? string.Empty;
}
