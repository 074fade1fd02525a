using System.Buffers.Text;
using System.Text.Json;
using Grievance.Workflow.Queries;

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
        var queues = app.MapGroup("/queues");
        queues.MapGet("/officers/{officer}", (string officer, string? after, int? limit, HttpContext http, CancellationToken ct)
            => PageAsync(http, _ => GrievanceFilter.OfficerQueue(new OfficerId(officer)), after, limit, ct));
        queues.MapGet("/feedback-calls", (string? after, int? limit, HttpContext http, CancellationToken ct)
            => PageAsync(http, _ => GrievanceFilter.AwaitingFeedbackCalls, after, limit, ct));
        queues.MapGet("/defaulters", (string? after, int? limit, HttpContext http, CancellationToken ct)
            => PageAsync(http, GrievanceFilter.Defaulters, after, limit, ct));
        return app;
    }

    /// <summary>Reads one page of a queue for a named caller (who may see which queue is the host's rule — here, anyone named).</summary>
    /// <param name="queue">Makes the queue's filter at the present time.</param>
    internal static async Task<IResult> PageAsync(
        HttpContext http, Func<DateTimeOffset, GrievanceFilter> queue, string? after, int? limit, CancellationToken ct)
    {
        if (HeaderActor.From(http.Request) is null)
        {
            return Problems.NoActor();
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Problems.BadRequest($"limit {limit} must be from 1 to {MaxLimit}.");
        }

        GrievancePageCursor? cursor = null;
        if (after is not null)
        {
            try
            {
                cursor = JsonSerializer.Deserialize<GrievancePageCursor>(Base64Url.DecodeFromChars(after));
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                return Problems.BadRequest($"'{after}' is not a page token from this API.");
            }
        }

        var size = limit ?? 50;
        var services = http.RequestServices;
        try
        {
            var filter = queue((services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow());
            var items = await services.GetRequiredService<IGrievanceQuery>().FindAsync(filter, size, cursor, ct);
            var next = items.Count == size ? Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(GrievancePageCursor.After(items[^1], filter))) : null;
            return Results.Ok(new { items, next });
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message); // a token read in another queue's order
        }
    }
}
