using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>Where a grievance arose: a district and, when known, a tehsil (sub-district) and a ward or village.</summary>
/// <remarks>An administrative area, not the complainant's address (which is contact data). Immutable and thread-safe.</remarks>
public sealed record GrievanceLocation
{
    /// <summary>Creates a location.</summary>
    /// <param name="district">The district code or name; not blank.</param>
    /// <param name="tehsil">The tehsil, or <see langword="null"/>.</param>
    /// <param name="ward">The ward or village, or <see langword="null"/>.</param>
    /// <exception cref="System.ArgumentException">A part is blank or too long.</exception>
    public GrievanceLocation(string district, string? tehsil = null, string? ward = null)
    {
        District = Guard.Identifier(district, nameof(district));
        Tehsil = tehsil is null ? null : Guard.Identifier(tehsil, nameof(tehsil));
        Ward = ward is null ? null : Guard.Identifier(ward, nameof(ward));
    }

    /// <summary>Gets the district.</summary>
    public string District { get; }

    /// <summary>Gets the tehsil, or <see langword="null"/>.</summary>
    public string? Tehsil { get; }

    /// <summary>Gets the ward or village, or <see langword="null"/>.</summary>
    public string? Ward { get; }
}
