using Grievance.Workflow.Queries;
using Grievance.Workflow.WebApi.Authentication;

namespace Grievance.Workflow.WebApi;

/// <summary>
/// Work queues over <see cref="IGrievanceQuery"/>, keyset-paged: each page carries an opaque <c>next</c> token (the library's
/// <see cref="GrievancePageCursor"/> as base64url JSON) to pass back as <c>?after=</c>.
/// </summary>
internal static class QueueEndpoints
{
    private const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var queues = app.MapGroup("/queues").RequireAuthorization(DeskAuthentication.Api).WithTags("Queues");
        queues.MapGet("/officers/{officer}", (string officer, string? after, int? limit, HttpContext http, CancellationToken ct)
            => PageAsync(http, (actor, _) => ReadAccess.CanReadQueueOf(actor, new OfficerId(officer)) ? GrievanceFilter.OfficerQueue(new OfficerId(officer)) : null, after, limit, ct));
        queues.MapGet("/feedback-calls", (string? after, int? limit, HttpContext http, CancellationToken ct)
            => PageAsync(http, (actor, _) => ReadAccess.CanReadFeedbackCalls(actor) ? GrievanceFilter.AwaitingFeedbackCalls : null, after, limit, ct));
        queues.MapGet("/defaulters", (string? after, int? limit, HttpContext http, CancellationToken ct)
            => PageAsync(http, (actor, now) => ReadAccess.Scope(actor, GrievanceFilter.Defaulters(now)), after, limit, ct));
        return app;
    }

    /// <summary>Reads one page of a queue for the caller.</summary>
    /// <param name="queue">Makes the queue's filter for the caller at the present time (<see cref="ReadAccess"/>), or <see langword="null"/> when they may not read it.</param>
    internal static async Task<IResult> PageAsync(
        HttpContext http, Func<Actor, DateTimeOffset, GrievanceFilter?> queue, string? after, int? limit, CancellationToken ct)
    {
        if (Http.Caller(http) is not { } actor)
        {
            return Problems.NoActor();
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Problems.BadRequest($"limit {limit} must be from 1 to {MaxLimit}.");
        }

        GrievancePageCursor? cursor = null;
        if (after is not null && !PageTokens.TryRead(after, out cursor))
        {
            return Problems.BadRequest($"'{after}' is not a page token from this API.");
        }

        var size = limit ?? 50;
        var services = http.RequestServices;
        try
        {
            if (queue(actor, (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow()) is not { } filter)
            {
                return Problems.Forbidden($"A {actor.Role} may not read this queue or search.");
            }

            var items = await services.GetRequiredService<IGrievanceQuery>().FindAsync(filter, size, cursor, ct);
            return Results.Ok(new { items, next = PageTokens.Next(items, size, filter) });
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message); // a token read in another queue's order
        }
    }
}
