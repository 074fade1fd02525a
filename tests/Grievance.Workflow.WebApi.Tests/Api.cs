using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Grievance.Workflow.WebApi.Tests;

/// <summary>Calls to the sample's API as a signed-in caller (a bearer token from the development issuer), and their JSON.</summary>
internal static class Api
{
    public static readonly Caller Agent = new("helpline-agent", "agent-7", null, null);
    public static readonly Caller OfficerL1 = new("officer", "je-lucknow", "uppcl", "1");
    public static readonly Caller Admin = new("administrator", "cm-office", null, null);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, Caller? actor, object? body = null, Dictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (actor is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, actor));
        }

        return await client.SendAsync(request);
    }

    /// <summary>A bearer token for the caller from the sample's development token issuer.</summary>
    public static async Task<string> TokenAsync(HttpClient client, Caller actor)
    {
        var level = actor.Level is null ? (int?)null : int.Parse(actor.Level, System.Globalization.CultureInfo.InvariantCulture);
        using var response = await client.PostAsJsonAsync("/dev/tokens", new { role = actor.Role, id = actor.Id, department = actor.Department, level });
        response.EnsureSuccessStatusCode();
        return (await JsonAsync(response)).GetProperty("accessToken").GetString()!;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public sealed record Caller(string Role, string Id, string? Department, string? Level);
}
