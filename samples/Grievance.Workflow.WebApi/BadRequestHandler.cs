using Microsoft.AspNetCore.Diagnostics;

namespace Grievance.Workflow.WebApi;

/// <summary>
/// Answers a request the framework could not bind (malformed JSON, a duplicate key, a missing body, a value of the wrong type) with
/// the same problem as the API's own 400s, naming what could not be read; every other exception is left to the default handler.
/// </summary>
internal sealed class BadRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // The binder's message says which parameter failed; the JSON reader's inner message says where in the body.
        var detail = bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
        var problem = bad.StatusCode == StatusCodes.Status400BadRequest ? Problems.BadRequest(detail) : Results.StatusCode(bad.StatusCode);
        await problem.ExecuteAsync(httpContext);
        return true;
    }
}
