using Grievance.Workflow.Intake;

namespace Grievance.Workflow.WebApi;

/// <summary>
/// RFC 9457 problem responses for every error: a stable <c>code</c> per kind of error (also the last segment of <c>type</c>), a
/// human title, the library's message as <c>detail</c>, and the facts the typed error carries as extension members.
/// </summary>
internal static class Problems
{
    /// <summary>The base of every problem's <c>type</c>; the code follows it.</summary>
    public const string TypeBase = "https://github.com/grievance-workflow/problems#";

    public static IResult From(GrievanceWorkflowException error) => error switch
    {
        GrievanceNotFoundException => Problem(StatusCodes.Status404NotFound, "grievance-not-found", "No such grievance", error.Message, Id(error)),
        GrievanceAuthorizationException denied => Problem(StatusCodes.Status403Forbidden, "not-authorized", "Not allowed for this caller", error.Message,
            Id(error, ("action", denied.Action.ToString()), ("role", denied.Role.ToString()))),
        GrievanceConcurrencyException stale => Problem(StatusCodes.Status412PreconditionFailed, "version-mismatch", "The grievance changed since it was read", error.Message,
            Id(error, ("expectedVersion", stale.ExpectedVersion), ("actualVersion", stale.ActualVersion))),
        // Says nothing about the grievance that holds the id: the caller may not be the one who used it.
        CommandIdConflictException => Problem(StatusCodes.Status409Conflict, "idempotency-key-reused", "The idempotency key was used for another command",
            "The Idempotency-Key (command id) was already used for a different command; use a new key for a new command.", new()),
        DuplicateGrievanceException => Problem(StatusCodes.Status409Conflict, "duplicate-grievance", "The grievance exists already", error.Message, Id(error)),
        GrievanceActionNotAllowedException refused => Problem(StatusCodes.Status422UnprocessableEntity, "action-not-allowed", "The action is not allowed now", error.Message,
            Id(error, ("action", refused.Action.ToString()), ("status", refused.Status.ToString()), ("outcome", refused.Outcome.ToString()),
                ("allowedActions", refused.AllowedActions.Select(a => a.ToString()).ToArray()))),
        TransferLimitExceededException transfer => Problem(StatusCodes.Status422UnprocessableEntity, "transfer-limit", "No transfers left", error.Message,
            Id(error, ("transferCount", transfer.TransferCount), ("limit", transfer.Limit))),
        ExtensionLimitExceededException extension => Problem(StatusCodes.Status422UnprocessableEntity, "extension-limit", "No extensions left", error.Message,
            Id(error, ("extensionCount", extension.ExtensionCount), ("limit", extension.Limit))),
        DeadlineExtensionOutOfRangeException range => Problem(StatusCodes.Status422UnprocessableEntity, "extension-out-of-range", "The new deadline is out of range", error.Message,
            Id(error, ("requested", range.Requested), ("earliest", range.Earliest), ("latest", range.Latest))),
        IntakeLimitExceededException intake => Problem(StatusCodes.Status429TooManyRequests, "intake-limit", "The complainant reached an intake limit", error.Message,
            new() { ["limit"] = Limit(intake.Limit) }),
        _ => Problem(StatusCodes.Status422UnprocessableEntity, "workflow-error", "The workflow refused the command", error.Message, Id(error)),
    };

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "invalid-request", "The request is not valid", detail, new());

    public static IResult NoActor() => Problem(
        StatusCodes.Status401Unauthorized,
        "unauthenticated",
        "Unauthenticated",
        "Send a bearer token whose claims name the caller: sub, and role (complainant, helpline-agent, officer, administrator); officers also department and level.",
        new());

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "not-authorized", "Not allowed for this caller", detail, new());

    /// <summary>A grievance the caller may not read: the same answer as an unknown one.</summary>
    public static IResult NotFound(GrievanceId id) => From(new GrievanceNotFoundException(id));

    /// <summary>The code of a response the framework made with no body of its own (binding errors, unknown routes, wrong methods…).</summary>
    public static string CodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid-request",
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status413PayloadTooLarge => "payload-too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        StatusCodes.Status429TooManyRequests => "rate-limited",
        _ => status >= 500 ? "server-error" : "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static IResult Problem(int status, string code, string title, string detail, Facts facts)
    {
        facts["code"] = code;
        return Results.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + code, extensions: facts);
    }

    private static Facts Id(GrievanceWorkflowException error, params (string Name, object? Value)[] more)
    {
        var facts = new Facts();
        if (error.GrievanceId is { } id)
        {
            facts["grievanceId"] = id.ToString();
        }

        foreach (var (name, value) in more)
        {
            facts[name] = value;
        }

        return facts;
    }

    private static Dictionary<string, object?> Limit(IntakeLimit limit) => new() { ["code"] = limit.Code, ["limit"] = limit.Limit, ["filed"] = limit.Filed, ["category"] = limit.Category };

    /// <summary>A problem's extension members; <c>with</c> adds more.</summary>
    private sealed class Facts : Dictionary<string, object?>
    {
        public Facts()
            : base(StringComparer.Ordinal)
        {
        }
    }
}
