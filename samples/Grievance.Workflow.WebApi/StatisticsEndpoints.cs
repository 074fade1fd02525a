using Grievance.Workflow.Queries;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.WebApi.Authentication;

namespace Grievance.Workflow.WebApi;

/// <summary>Search, scorecards, the IGRS-style ranking and flow reports: the supervisor's questions over HTTP.</summary>
internal static class StatisticsEndpoints
{
    public static IEndpointRouteBuilder MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        // Search: any combination of the filter's fields, keyset-paged like the queues.
        app.MapGet("/grievances", (GrievanceStatus? status, string? department, string? district, string? category, string? channel, string? after, int? limit, HttpContext http, CancellationToken ct)
            => QueueEndpoints.PageAsync(http, (actor, _) => ReadAccess.Scope(actor, new GrievanceFilter
            {
                Status = status,
                Department = department is null ? null : new DepartmentId(department),
                District = district,
                Category = category,
                Channel = channel is null ? null : new Channel(channel),
            }), after, limit, ct)).WithTags("Queries").RequireAuthorization(DeskAuthentication.Api);

        var statistics = app.MapGroup("/").WithTags("Statistics").RequireAuthorization(DeskAuthentication.Api);
        statistics.MapGet("/scorecards", (ScorecardDimension dimension, DateTimeOffset from, DateTimeOffset to, bool? median, HttpContext http, CancellationToken ct)
            => AskAsync(http, async services => Results.Ok(await ScorecardsAsync(services, dimension, from, to, median ?? false, ct))));
        statistics.MapGet("/rankings", (ScorecardDimension dimension, DateTimeOffset from, DateTimeOffset to, HttpContext http, CancellationToken ct)
            => AskAsync(http, async services => Results.Ok(services.GetRequiredService<IGrievanceRanking>().Rank(await ScorecardsAsync(services, dimension, from, to, median: false, ct)))));
        statistics.MapGet("/flows", (ScorecardDimension dimension, DateTimeOffset from, DateTimeOffset to, HttpContext http, CancellationToken ct)
            => AskAsync(http, async services => Results.Ok(await services.GetRequiredService<IGrievanceFlowReports>().GetFlowsAsync(new FlowQuery(dimension, from, to), ct))));
        return app;
    }

    private static async Task<IReadOnlyList<GrievanceScorecard>> ScorecardsAsync(IServiceProvider services, ScorecardDimension dimension, DateTimeOffset from, DateTimeOffset to, bool median, CancellationToken ct)
    {
        var now = (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var query = new ScorecardQuery(dimension, from, to, now) { IncludeMedian = median };
        return await services.GetRequiredService<IGrievanceStatistics>().GetScorecardsAsync(query, ct);
    }

    private static async Task<IResult> AskAsync(HttpContext http, Func<IServiceProvider, Task<IResult>> ask)
    {
        if (Http.Caller(http) is not { } actor)
        {
            return Problems.NoActor();
        }

        if (!ReadAccess.CanReadStatistics(actor))
        {
            return Problems.Forbidden($"A {actor.Role} may not read scorecards, rankings or flows.");
        }

        try
        {
            return await ask(http.RequestServices);
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message); // a period that ends before it starts, a filter out of range
        }
    }
}
