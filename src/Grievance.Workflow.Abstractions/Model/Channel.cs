using System.Text.Json.Serialization;
using Grievance.Workflow.Internal;
using Grievance.Workflow.Serialization;

namespace Grievance.Workflow;

/// <summary>
/// The channel a grievance arrived through. An extensible value: the well-known channels are properties here,
/// and any other is made with <c>new Channel("thana-samadhan-diwas")</c>.
/// </summary>
/// <remarks>The same lifecycle, feedback included, applies to every channel. Immutable and thread-safe.</remarks>
[JsonConverter(typeof(ChannelJsonConverter))]
public readonly record struct Channel
{
    /// <summary>Creates a channel from its code.</summary>
    /// <param name="code">A short, stable code in kebab case, for example <c>helpline-1076</c>.</param>
    /// <exception cref="System.ArgumentException"><paramref name="code"/> is blank or too long.</exception>
    public Channel(string code) => Code = Guard.Identifier(code, nameof(code));

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

    /// <summary>Returns <see cref="Code"/>.</summary>
    /// <returns>The channel code.</returns>
    public override string ToString() => Code ?? string.Empty;
}
