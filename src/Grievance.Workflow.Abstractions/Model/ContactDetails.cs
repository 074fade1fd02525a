using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>
/// A complainant's personal data: name, phone, e-mail and postal address. Stores keep it apart from the workflow data
/// so that it can be protected, exported or anonymized on its own.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> never prints the values, so an accidental log line or exception message cannot leak them.
/// Immutable and thread-safe.
/// </remarks>
public sealed record ContactDetails
{
    /// <summary>Creates contact details; every part is optional but at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</summary>
    /// <param name="name">The complainant's name.</param>
    /// <param name="phone">A phone number, for the feedback call.</param>
    /// <param name="email">An e-mail address.</param>
    /// <param name="address">A postal address.</param>
    public ContactDetails(string? name = null, string? phone = null, string? email = null, string? address = null)
    {
        Name = Guard.OptionalText(name, nameof(name));
        Phone = Guard.OptionalText(phone, nameof(phone));
        Email = Guard.OptionalText(email, nameof(email));
        Address = Guard.OptionalText(address, nameof(address));
    }

    /// <summary>Gets the name, or <see langword="null"/>.</summary>
    public string? Name { get; }

    /// <summary>Gets the phone number, or <see langword="null"/>.</summary>
    public string? Phone { get; }

    /// <summary>Gets the e-mail address, or <see langword="null"/>.</summary>
    public string? Email { get; }

    /// <summary>Gets the postal address, or <see langword="null"/>.</summary>
    public string? Address { get; }

    /// <summary>Returns a redacted placeholder, never the personal data.</summary>
    /// <returns><c>ContactDetails { redacted }</c>.</returns>
    public override string ToString() => "ContactDetails { redacted }";
}
