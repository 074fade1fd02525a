using System.Globalization;
using System.Security.Claims;

namespace Grievance.Workflow.WebApi.Authentication;

/// <summary>
/// The one place where a signed-in user becomes an <see cref="Actor"/>, and back: a bearer token's claims and a page's sign-in
/// cookie carry the same four claims. Map your identity provider's claims here (a state SSO's roles and posts, say).
/// </summary>
internal static class ActorClaims
{
    /// <summary>The actor's id: a staff code, or the complainant's pseudonymous id (never a name or phone number).</summary>
    public const string Subject = "sub";

    /// <summary>One of <c>complainant</c>, <c>helpline-agent</c>, <c>officer</c>, <c>administrator</c>.</summary>
    public const string Role = "role";

    /// <summary>An officer's department.</summary>
    public const string Department = "department";

    /// <summary>An officer's level, 1 for L1.</summary>
    public const string Level = "level";

    /// <summary>The role names the claims use.</summary>
    public static readonly IReadOnlyList<string> Roles = ["complainant", "helpline-agent", "officer", "administrator"];

    /// <summary>Reads the actor a signed-in user is, or <see langword="null"/> when the claims do not name a valid one.</summary>
    public static Actor? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true || user.FindFirst(Subject)?.Value is not { Length: > 0 } id)
        {
            return null;
        }

        return Create(user.FindFirst(Role)?.Value, id, user.FindFirst(Department)?.Value, user.FindFirst(Level)?.Value);
    }

    /// <summary>Makes the actor a role, id, department and level name, or <see langword="null"/> when they do not make a valid one.</summary>
    public static Actor? Create(string? role, string id, string? department, string? level)
    {
        try
        {
            return role?.ToLowerInvariant() switch
            {
                "complainant" => Actor.Complainant(id),
                "helpline-agent" => Actor.HelplineAgent(id),
                "administrator" => Actor.Administrator(id),
                "officer" when int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && department is { Length: > 0 }
                    => Actor.Officer(new OfficerId(id), new DepartmentId(department), l),
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            return null; // an id or department the library refuses (too long, control characters…)
        }
    }

    /// <summary>The claims that name an actor, for a token or a sign-in cookie.</summary>
    public static List<Claim> Of(Actor actor)
    {
        var claims = new List<Claim> { new(Subject, actor.Id), new(Role, RoleName(actor.Role)) };
        if (actor.Role == ActorRole.Officer)
        {
            claims.Add(new(Department, actor.Department!.Value.Value));
            claims.Add(new(Level, actor.Level!.Value.ToString(CultureInfo.InvariantCulture)));
        }

        return claims;
    }

    /// <summary>The claim's name for a role.</summary>
    public static string RoleName(ActorRole role) => role switch
    {
        ActorRole.Complainant => "complainant",
        ActorRole.HelplineAgent => "helpline-agent",
        ActorRole.Officer => "officer",
        ActorRole.Administrator => "administrator",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "No user signs in as this role."),
    };
}
