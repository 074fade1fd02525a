using System.Net.Http.Json;
using System.Text.Json;

namespace Grievance.Workflow.WebApi.Tests;

/// <summary>Calls to the sample's API as a named caller (the header stand-in for authentication), and their JSON.</summary>
internal static class Api
{
    public static readonly Caller Agent = new("helpline-agent", "agent-7", null, null);
    public static readonly Caller OfficerL1 = new("officer", "je-lucknow", "uppcl", "1");

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, Caller? actor, object? body = null, Dictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (actor is not null)
        {
            request.Headers.Add("X-Actor-Role", actor.Role);
            request.Headers.Add("X-Actor-Id", actor.Id);
            if (actor.Department is not null)
            {
                request.Headers.Add("X-Actor-Department", actor.Department);
                request.Headers.Add("X-Actor-Level", actor.Level);
            }
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public sealed record Caller(string Role, string Id, string? Department, string? Level);
}
