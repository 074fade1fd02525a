using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>The person who filed a grievance: a pseudonymous id, which the workflow keeps, and contact details, which it keeps apart.</summary>
/// <remarks>Immutable and thread-safe. <see cref="ToString"/> prints the id only.</remarks>
public sealed record Complainant
{
    /// <summary>Creates a complainant.</summary>
    /// <param name="id">A pseudonymous, stable id chosen by the host (for example a hash of the phone number, or a citizen account id); never the name or phone itself.</param>
    /// <param name="contact">The contact details, or <see langword="null"/> when the host keeps them elsewhere.</param>
    /// <exception cref="System.ArgumentException"><paramref name="id"/> is blank, too long, or the reserved <see cref="AnonymizedId"/>.</exception>
    public Complainant(string id, ContactDetails? contact = null)
    {
        Id = Guard.Identifier(id, nameof(id));
        if (string.Equals(Id, AnonymizedId, System.StringComparison.Ordinal))
        {
            throw new System.ArgumentException($"The complainant id '{AnonymizedId}' is reserved for complainants the retention job anonymized.", nameof(id));
        }

        Contact = contact;
    }

    /// <summary>The complainant id of a grievance whose complainant was anonymized by the retention job: <c>anonymized</c>. Reserved: never register a complainant with it.</summary>
    public const string AnonymizedId = "anonymized";

    /// <summary>Gets the pseudonymous complainant id.</summary>
    public string Id { get; }

    /// <summary>Gets the contact details, or <see langword="null"/>.</summary>
    public ContactDetails? Contact { get; }

    /// <summary>Returns the id only.</summary>
    /// <returns><c>Complainant { Id = … }</c>.</returns>
    public override string ToString() => $"Complainant {{ Id = {Id} }}";
}
