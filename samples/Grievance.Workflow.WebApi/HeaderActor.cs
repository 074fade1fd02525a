namespace Grievance.Workflow.WebApi;

/// <summary>
/// Who is calling, read from request headers. A stand-in for your authentication: map your users' claims to an <see cref="Actor"/>
/// the same way (role, id, and for officers their department and level).
/// </summary>
internal static class HeaderActor
{
    public const string Role = "X-Actor-Role";
    public const string Id = "X-Actor-Id";
    public const string Department = "X-Actor-Department";
    public const string Level = "X-Actor-Level";

    /// <summary>Reads the actor, or returns <see langword="null"/> when the headers do not name a valid one.</summary>
    public static Actor? From(HttpRequest request)
    {
        string? Header(string name) => request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;
        var id = Header(Id);
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return Header(Role)?.ToUpperInvariant() switch
            {
                "COMPLAINANT" => Actor.Complainant(id),
                "HELPLINE-AGENT" => Actor.HelplineAgent(id),
                "ADMINISTRATOR" => Actor.Administrator(id),
                "OFFICER" when int.TryParse(Header(Level), out var level) && Header(Department) is { Length: > 0 } department
                    => Actor.Officer(new OfficerId(id), new DepartmentId(department), level),
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
