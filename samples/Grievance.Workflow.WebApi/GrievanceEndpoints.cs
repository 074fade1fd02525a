using Grievance.Workflow.WebApi.Authentication;
using Grievance.Workflow.WebApi.Requests;

namespace Grievance.Workflow.WebApi;

/// <summary>The HTTP endpoints: register, read, act on and track grievances.</summary>
internal static class GrievanceEndpoints
{
    public static IEndpointRouteBuilder MapGrievanceEndpoints(this IEndpointRouteBuilder app)
    {
        var grievances = app.MapGroup("/grievances").RequireAuthorization(DeskAuthentication.Api).WithTags("Grievances");
        grievances.MapPost("/", RegisterAsync).RequireRateLimiting(RateLimits.Registration);
        grievances.MapGet("/{id}", (string id, HttpRequest http, HttpResponse response, IGrievanceWorkflow workflow, CancellationToken ct)
            => ReadAsync(http, id, workflow, (grievance, _) =>
            {
                Http.SetETag(response, grievance); // the version, for If-Match on the next command
                return Task.FromResult(Results.Ok(grievance));
            }, ct));
        grievances.MapGet("/{id}/history", (string id, HttpRequest http, IGrievanceWorkflow workflow, CancellationToken ct)
            => ReadAsync(http, id, workflow, async (grievance, actor) => Results.Ok(ReadAccess.History(actor, await workflow.GetHistoryAsync(grievance.Id, ct))), ct));
        grievances.MapGet("/{id}/actions", (string id, HttpRequest http, IGrievanceWorkflow workflow, CancellationToken ct)
            => ReadAsync(http, id, workflow, async (grievance, actor) => Results.Ok(await workflow.GetPermittedActionsAsync(grievance.Id, actor, ct)), ct));

        // Public, for anyone holding the reference number: status, dates, level, department and outcome — no text at all.
        app.MapGet("/track/{reference}", (string reference, IGrievanceWorkflow workflow, CancellationToken ct)
            => TrackAsync(reference, reference => workflow.TrackAsync(reference, ct))).RequireRateLimiting(RateLimits.Tracking).WithTags("Tracking");

        // The complainant's own view (their bearer token names them): adds the reports and notes addressed to them.
        // Another complainant's reference answers 404, exactly like an unknown one.
        app.MapGet("/track/{reference}/mine", (string reference, HttpRequest http, IGrievanceWorkflow workflow, CancellationToken ct)
            => Http.Caller(http.HttpContext) is { } actor
                ? TrackAsync(reference, reference => workflow.TrackForComplainantAsync(reference, actor, ct))
                : Task.FromResult(Problems.NoActor())).RequireRateLimiting(RateLimits.Tracking).RequireAuthorization(DeskAuthentication.Api).WithTags("Tracking");
        return app;
    }

    private static async Task<IResult> TrackAsync(string reference, Func<ReferenceNumber, ValueTask<Tracking.GrievanceTracking>> track)
    {
        try
        {
            return Results.Ok(await track(new ReferenceNumber(reference)));
        }
        catch (GrievanceWorkflowException ex)
        {
            return Problems.From(ex);
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
    }

    private static async Task<IResult> RegisterAsync(RegisterRequest body, HttpRequest http, IGrievanceWorkflow workflow, CancellationToken ct)
    {
        if (Http.Caller(http.HttpContext) is not { } actor)
        {
            return Problems.NoActor();
        }

        RegisterGrievance command;
        try
        {
            command = new RegisterGrievance(
                actor,
                new Channel(body.Channel),
                new GrievanceCategory(body.Category, body.SubCategory),
                new GrievanceLocation(body.District, body.Tehsil, body.Ward),
                new Complainant(body.ComplainantId, new ContactDetails(body.Name, body.Phone, body.Email, body.Address)),
                body.Description)
            {
                CommandId = (Http.IdempotencyKey(http) ?? body.CommandId) is { } key ? new CommandId(key) : null,
            };
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message);
        }

        var result = await workflow.TryRegisterAsync(command, ct);
        return result.TryGetValue(out var done)
            ? Results.Created($"/grievances/{done.Grievance.Id}", done.Grievance)
            : Problems.From(result.Error!);
    }

    /// <summary>Reads a grievance the caller may read (<see cref="ReadAccess"/>); one they may not is a 404, like an unknown one.</summary>
    private static async Task<IResult> ReadAsync(
        HttpRequest http, string id, IGrievanceWorkflow workflow, Func<GrievanceSnapshot, Actor, Task<IResult>> read, CancellationToken ct)
    {
        if (Http.Target(http, id, out var actor, out var grievanceId) is { } problem)
        {
            return problem;
        }

        try
        {
            var grievance = await workflow.GetAsync(grievanceId, ct);
            return ReadAccess.CanRead(actor, grievance) ? await read(grievance, actor) : Problems.NotFound(grievanceId);
        }
        catch (GrievanceWorkflowException ex)
        {
            return Problems.From(ex);
        }
    }
}
