using Grievance.Workflow.WebApi.Authentication;
using Grievance.Workflow.WebApi.Requests;

namespace Grievance.Workflow.WebApi;

/// <summary>
/// Every command of the library over HTTP: <c>POST /grievances/{id}/{action}</c>. <c>If-Match</c> (the grievance's <c>ETag</c>)
/// is the expected version, answered 412 when the grievance changed; <c>Idempotency-Key</c> is the command id, so a retry answers
/// with the first result and a key reused for another command is a 409.
/// </summary>
internal static class CommandEndpoints
{
    public static IEndpointRouteBuilder MapCommandEndpoints(this IEndpointRouteBuilder app)
    {
        var commands = app.MapGroup("/grievances/{id}").WithTags("Commands").RequireAuthorization(DeskAuthentication.Api);
        Map<ReportRequest>(commands, "report", "Report action taken (the disposal report, the aakhya)", (g, a, b) => new ReportAction(g, a, b.Report));
        Map<FeedbackRequest>(commands, "feedback", "Record the complainant's feedback", (g, a, b) => new RecordFeedback(g, a, b.Response, b.Reason, b.Rating));
        Map<TransferRequest>(commands, "transfer", "Transfer to another department", (g, a, b) => new TransferGrievance(g, a, new DepartmentId(b.Department), b.Reason));
        Map<RouteRequest>(commands, "route", "Route out of triage", (g, a, b) => new RouteGrievance(g, a, new DepartmentId(b.Department), b.Officer is null ? null : new OfficerId(b.Officer)));
        Map<RejectRequest>(commands, "reject", "Reject as not maintainable", (g, a, b) => new RejectGrievance(g, a, b.ReasonCode, b.Remarks));
        Map<WithdrawRequest>(commands, "withdraw", "Withdraw", (g, a, b) => new WithdrawGrievance(g, a, b.Reason));
        Map<DuplicateRequest>(commands, "duplicate", "Close as a duplicate of another grievance", (g, a, b) => new MarkDuplicate(g, a, new ReferenceNumber(b.Original), b.Remarks));
        Map<NoteRequest>(commands, "notes", "Add a note", (g, a, b) => new AddNote(g, a, b.Text) { IsInternal = b.IsInternal });
        Map<TextRequest>(commands, "clarification-request", "Ask the complainant for a clarification (pauses the clock)", (g, a, b) => new RequestClarification(g, a, b.Text));
        Map<TextRequest>(commands, "clarification", "Provide the clarification asked for", (g, a, b) => new ProvideClarification(g, a, b.Text));
        Map<ExtendRequest>(commands, "extension", "Give an interim reply with a new date", (g, a, b) => new ExtendDeadline(g, a, b.NewDueAt, b.Reason));
        Map<TextRequest>(commands, "escalation", "Escalate by hand to the next level", (g, a, b) => new EscalateGrievance(g, a, b.Text));
        Map<TextRequest>(commands, "reopening", "Reopen a resolved grievance (the complainant, within the window)", (g, a, b) => new ReopenGrievance(g, a, b.Text));
        Map<SpecialClosureRequest>(commands, "special-closure", "Propose a special closure", (g, a, b) => new ProposeSpecialClosure(g, a, b.ReasonCode, b.Remarks));
        Map<OptionalTextRequest>(commands, "special-closure/acceptance", "Accept a proposed special closure", (g, a, b) => new AcceptSpecialClosure(g, a, b.Text));
        Map<TextRequest>(commands, "special-closure/rejection", "Reject a proposed special closure", (g, a, b) => new RejectSpecialClosure(g, a, b.Text));
        Map<TextRequest>(commands, "appeal", "Appeal against the closure", (g, a, b) => new AppealGrievance(g, a, b.Text));
        Map<TextRequest>(commands, "appeal/upholding", "Uphold the closure under appeal", (g, a, b) => new UpholdClosure(g, a, b.Text));
        Map<AllowAppealRequest>(commands, "appeal/allowance", "Allow the appeal, back to a level", (g, a, b) => new AllowAppeal(g, a, b.Level, b.Remarks));
        return app;
    }

    private static void Map<TBody>(RouteGroupBuilder group, string action, string summary, Func<GrievanceId, Actor, TBody, GrievanceCommand> make)
        => group.MapPost("/" + action, (string id, TBody body, HttpRequest http, HttpResponse response, IGrievanceWorkflow workflow, CancellationToken ct)
                => ExecuteAsync(http, response, id, workflow, (g, actor) => make(g, actor, body), ct))
            .WithSummary(summary)
            .Produces<GrievanceSnapshot>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> ExecuteAsync(
        HttpRequest http, HttpResponse response, string id, IGrievanceWorkflow workflow, Func<GrievanceId, Actor, GrievanceCommand> command, CancellationToken ct)
    {
        if (Http.Target(http, id, out var actor, out var grievanceId) is { } problem)
        {
            return problem;
        }

        GrievanceCommand built;
        try
        {
            built = command(grievanceId, actor);
            if (Http.IfMatch(http, out var invalid) is { } version)
            {
                built = built with { ExpectedVersion = version };
            }
            else if (invalid is not null)
            {
                return invalid;
            }

            if (Http.IdempotencyKey(http) is { } key)
            {
                built = built with { CommandId = new CommandId(key) };
            }
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message);
        }

        var result = await workflow.TryExecuteAsync(built, ct);
        if (!result.TryGetValue(out var done))
        {
            return Problems.From(result.Error!);
        }

        Http.SetETag(response, done.Grievance);
        return Results.Ok(done.Grievance);
    }
}
