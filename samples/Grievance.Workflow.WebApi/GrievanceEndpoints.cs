using Grievance.Workflow.WebApi.Requests;

namespace Grievance.Workflow.WebApi;

/// <summary>The HTTP endpoints: register, read, act on and track grievances.</summary>
internal static class GrievanceEndpoints
{
    public static IEndpointRouteBuilder MapGrievanceEndpoints(this IEndpointRouteBuilder app)
    {
        var grievances = app.MapGroup("/grievances");
        grievances.MapPost("/", RegisterAsync).RequireRateLimiting(RateLimits.Registration);
        grievances.MapGet("/{id}", (string id, HttpRequest http, HttpResponse response, IGrievanceWorkflow workflow, CancellationToken ct)
            => ReadAsync(http, id, async (grievanceId, _) =>
            {
                var grievance = await workflow.GetAsync(grievanceId, ct);
                Http.SetETag(response, grievance); // the version, for If-Match on the next command
                return Results.Ok(grievance);
            }));
        grievances.MapGet("/{id}/history", (string id, HttpRequest http, IGrievanceWorkflow workflow, CancellationToken ct)
            => ReadAsync(http, id, async (grievanceId, _) => Results.Ok(await workflow.GetHistoryAsync(grievanceId, ct))));
        grievances.MapGet("/{id}/actions", (string id, HttpRequest http, IGrievanceWorkflow workflow, CancellationToken ct)
            => ReadAsync(http, id, async (grievanceId, actor) => Results.Ok(await workflow.GetPermittedActionsAsync(grievanceId, actor, ct))));

        // Public, for anyone holding the reference number: status, dates, level, department and outcome — no text at all.
        app.MapGet("/track/{reference}", (string reference, IGrievanceWorkflow workflow, CancellationToken ct)
            => TrackAsync(reference, reference => workflow.TrackAsync(reference, ct))).RequireRateLimiting(RateLimits.Tracking);

        // The complainant's own view (the header stand-in for authentication names them): adds the reports and notes addressed to them.
        // Another complainant's reference answers 404, exactly like an unknown one.
        app.MapGet("/track/{reference}/mine", (string reference, HttpRequest http, IGrievanceWorkflow workflow, CancellationToken ct)
            => HeaderActor.From(http) is { } actor
                ? TrackAsync(reference, reference => workflow.TrackForComplainantAsync(reference, actor, ct))
                : Task.FromResult(Problems.NoActor())).RequireRateLimiting(RateLimits.Tracking);
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
        if (HeaderActor.From(http) is not { } actor)
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

    /// <summary>Reads for a named caller. (The library authorizes commands; who may read what is the host's rule — here, anyone named.)</summary>
    private static async Task<IResult> ReadAsync(HttpRequest http, string id, Func<GrievanceId, Actor, Task<IResult>> read)
    {
        if (Http.Target(http, id, out var actor, out var grievanceId) is { } problem)
        {
            return problem;
        }

        try
        {
            return await read(grievanceId, actor);
        }
        catch (GrievanceWorkflowException ex)
        {
            return Problems.From(ex);
        }
    }
}
