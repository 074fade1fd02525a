using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FluentAssertions;
using static Grievance.Workflow.WebApi.Tests.Api;

namespace Grievance.Workflow.WebApi.Tests;

/// <summary>
/// Limits only a real server enforces (the in-memory test server does not): a body over <c>Limits:MaxRequestBodyBytes</c>
/// (64 KiB in the sample's settings: a complaint is text, never a file) is a 413 problem with its code.
/// </summary>
public sealed class RequestLimitTests : IDisposable
{
    private readonly SampleApp _app = new();

    [Fact]
    public async Task A_body_over_the_servers_limit_is_a_413_problem()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_app.StartKestrel()) };
        var id = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/grievances/{id}/report") { Content = JsonContent.Create(new { report = new string('x', 100_000) }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, OfficerL1));

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        (await JsonAsync(response)).GetProperty("code").GetString().Should().Be("payload-too-large");
    }

    public void Dispose() => _app.Dispose();
}
