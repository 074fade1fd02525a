namespace Grievance.Workflow.WebApi.Authentication;

/// <summary><c>POST /dev/tokens</c>: a bearer token for any actor, with <c>Authentication:Development</c> on (a laptop, the tests).</summary>
internal static class DevelopmentTokenEndpoints
{
    public static IEndpointRouteBuilder MapDevelopmentTokens(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<DevelopmentTokens>() is not { } tokens)
        {
            return app; // production: tokens come from your identity provider
        }

        app.MapPost("/dev/tokens", (TokenRequest body) =>
                ActorClaims.Create(body.Role, body.Id ?? "", body.Department, body.Level?.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } actor
                    ? Results.Ok(new TokenResponse(tokens.Issue(actor), "Bearer", (int)DevelopmentTokens.Lifetime.TotalSeconds))
                    : Problems.BadRequest($"Name a role ({string.Join(", ", ActorClaims.Roles)}) and an id; officers also a department and a level."))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Who the token is for.</summary>
    internal sealed record TokenRequest(string? Role, string? Id, string? Department, int? Level);

    /// <summary>An OAuth-style token response.</summary>
    internal sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
}
