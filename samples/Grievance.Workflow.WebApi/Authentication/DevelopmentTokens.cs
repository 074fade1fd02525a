using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grievance.Workflow.WebApi.Authentication;

/// <summary>
/// A development token issuer: signs tokens for any actor with a key made at start (so tokens die with the process) and makes the
/// bearer scheme trust exactly those. Lifetimes are read on the host's <see cref="TimeProvider"/>, the same clock as the workflow's.
/// Registered only with <c>Authentication:Development</c> on. Thread-safe.
/// </summary>
internal sealed class DevelopmentTokens(TimeProvider? time = null)
{
    public const string Issuer = "grievance-desk-development";
    public const string Audience = "grievance-desk";

    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);
    private readonly SymmetricSecurityKey _key = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "development" };
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>How long a token lasts.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromHours(1);

    /// <summary>Signs a token for the actor.</summary>
    public string Issue(Actor actor)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(ActorClaims.Of(actor)),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Makes the bearer scheme accept this issuer's tokens, and only them.</summary>
    public void Configure(JwtBearerOptions options)
    {
        var parameters = options.TokenValidationParameters;
        parameters.ValidIssuer = Issuer;
        parameters.ValidAudience = Audience;
        parameters.IssuerSigningKey = _key;
        parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        parameters.LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = _time.GetUtcNow().UtcDateTime;
            return notBefore is { } from && expires is { } until && now >= from - Skew && now < until + Skew;
        };
    }
}
