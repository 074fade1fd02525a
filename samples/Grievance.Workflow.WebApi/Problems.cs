namespace Grievance.Workflow.WebApi;

/// <summary>Turns the workflow's typed errors into RFC 9457 problem responses.</summary>
internal static class Problems
{
    public static IResult From(GrievanceWorkflowException error) => Results.Problem(
        title: error.GetType().Name.Replace("Exception", string.Empty, StringComparison.Ordinal),
        detail: error.Message,
        statusCode: error switch
        {
            GrievanceNotFoundException => StatusCodes.Status404NotFound,
            GrievanceAuthorizationException => StatusCodes.Status403Forbidden,
            GrievanceConcurrencyException or CommandIdConflictException or DuplicateGrievanceException => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity, // not allowed now, transfer limit
        });

    public static IResult BadRequest(string detail) => Results.Problem(title: "Bad request", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NoActor() => Results.Problem(
        title: "Unauthenticated",
        detail: $"Name the caller in the {HeaderActor.Role} (complainant, helpline-agent, officer, administrator) and {HeaderActor.Id} headers; officers also {HeaderActor.Department} and {HeaderActor.Level}.",
        statusCode: StatusCodes.Status401Unauthorized);
}
