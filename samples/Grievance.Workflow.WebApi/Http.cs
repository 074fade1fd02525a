using System.Globalization;
using Grievance.Workflow.WebApi.Authentication;
using Microsoft.Net.Http.Headers;

namespace Grievance.Workflow.WebApi;

/// <summary>The HTTP conventions every endpoint shares: the caller, the grievance named in the route, versions as ETags, idempotency keys.</summary>
internal static class Http
{
    /// <summary>The header that carries a command's id, so that a retry is answered with the first result.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Reads the caller and the grievance a request names, or the problem to answer with.</summary>
    public static IResult? Target(HttpRequest http, string id, out Actor actor, out GrievanceId grievanceId)
    {
        grievanceId = default;
        var caller = ActorClaims.From(http.HttpContext.User);
        actor = caller!; // read only when no problem is returned
        if (caller is null)
        {
            return Problems.NoActor();
        }

        return GrievanceId.TryParse(id, out grievanceId) ? null : Problems.BadRequest($"'{id}' is not a grievance id.");
    }

    /// <summary>The signed-in caller (the bearer token's claims), or <see langword="null"/>.</summary>
    public static Actor? Caller(HttpContext http) => ActorClaims.From(http.User);

    /// <summary>A grievance's version as a strong entity tag.</summary>
    public static string ETagOf(GrievanceSnapshot grievance) => $"\"{grievance.Version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Sets the response's <c>ETag</c> to the grievance's version.</summary>
    public static void SetETag(HttpResponse response, GrievanceSnapshot grievance) => response.Headers.ETag = ETagOf(grievance);

    /// <summary>The expected version an <c>If-Match</c> header names, or <see langword="null"/> with no header (or with the problem of a bad one).</summary>
    public static long? IfMatch(HttpRequest http, out IResult? invalid)
    {
        invalid = null;
        var header = http.Headers.IfMatch.ToString();
        if (header.Length == 0)
        {
            return null;
        }

        if (EntityTagHeaderValue.TryParse(header, out var tag) && !tag.IsWeak
            && long.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1)
        {
            return version;
        }

        invalid = Problems.BadRequest("If-Match must be one strong entity tag this API gave, such as \"3\".");
        return null;
    }

    /// <summary>The command id an <c>Idempotency-Key</c> header carries, or <see langword="null"/>.</summary>
    public static string? IdempotencyKey(HttpRequest http)
        => http.Headers.TryGetValue(IdempotencyKeyHeader, out var key) && key.ToString() is { Length: > 0 } value ? value : null;
}
