using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Grievance.Workflow.WebApi.Authentication;

/// <summary>
/// Who is calling: the HTTP API takes JWT bearer tokens only (so a desk cookie never authorizes an API call), the pages a sign-in
/// cookie. In production point the bearer scheme at your identity provider through configuration
/// (<c>Authentication:Schemes:Bearer:Authority</c>, <c>ValidAudiences</c>…); with <c>Authentication:Development</c> on, the sample
/// issues its own tokens and lets anyone sign in to the pages as anyone — for a laptop and the tests, never for a server.
/// </summary>
internal static class DeskAuthentication
{
    /// <summary>The authorization policy of the API's endpoints: an authenticated bearer token.</summary>
    public const string Api = "api";

    /// <summary>The configuration switch for the development token issuer and sign-in page.</summary>
    public const string DevelopmentKey = "Authentication:Development";

    public static IServiceCollection AddDeskAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false; // keep "sub", "role", "department", "level" as the token names them
                o.TokenValidationParameters.NameClaimType = ActorClaims.Subject;
                o.TokenValidationParameters.RoleClaimType = ActorClaims.Role;
            })
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/signin";
                o.Cookie.Name = "grievance-desk";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        if (configuration.GetValue(DevelopmentKey, false))
        {
            services.AddSingleton<DevelopmentTokens>();
            services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<DevelopmentTokens>((o, tokens) => tokens.Configure(o));
        }

        services.AddAuthorization(o => o.AddPolicy(Api, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser()));
        return services;
    }
}
