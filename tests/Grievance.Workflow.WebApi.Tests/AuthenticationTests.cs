using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using static Grievance.Workflow.WebApi.Tests.Api;

namespace Grievance.Workflow.WebApi.Tests;

/// <summary>
/// Who may call and read what: bearer tokens only (the development issuer's, signed, within their lifetime), claims mapped to the
/// library's actor in one place; officers read their department and their own queue, complainants their own grievances without
/// internal notes; a grievance a caller may not read is a 404 like an unknown one.
/// </summary>
public sealed class AuthenticationTests : IDisposable
{
    private static readonly Caller WaterOfficer = new("officer", "ae-lucknow", "jal-nigam", "1");
    private static readonly Caller Citizen = new("complainant", "citizen-42", null, null);
    private static readonly Caller OtherCitizen = new("complainant", "citizen-99", null, null);

    private readonly SampleApp _app = new();

    [Fact]
    public async Task A_call_without_a_token_with_a_forged_one_or_with_the_old_headers_is_401_with_a_bearer_challenge()
    {
        using var client = _app.Factory.CreateClient();
        var id = await RegisterAsync(client, "electricity");
        var token = await TokenAsync(client, OfficerL1);
        var forged = token[..token.LastIndexOf('.')] + ".c2lnbmVkLWJ5LXNvbWVvbmUtZWxzZQ";

        var none = await SendAsync(client, HttpMethod.Get, $"/grievances/{id}", actor: null);
        var withForged = await SendAsync(client, HttpMethod.Get, $"/grievances/{id}", actor: null, headers: new() { ["Authorization"] = "Bearer " + forged });
        var withHeaders = await SendAsync(client, HttpMethod.Get, $"/grievances/{id}", actor: null, headers: new() { ["X-Actor-Role"] = "administrator", ["X-Actor-Id"] = "me" });

        foreach (var response in new[] { none, withForged, withHeaders })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
            (await JsonAsync(response)).GetProperty("code").GetString().Should().Be("unauthenticated");
        }
    }

    [Fact]
    public async Task A_token_expires_on_the_hosts_clock()
    {
        using var client = _app.Factory.CreateClient();
        var id = await RegisterAsync(client, "electricity");
        var token = await TokenAsync(client, Admin);
        var bearer = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };

        var fresh = await SendAsync(client, HttpMethod.Get, $"/grievances/{id}", actor: null, headers: bearer);
        _app.Clock.Advance(TimeSpan.FromHours(2));
        var expired = await SendAsync(client, HttpMethod.Get, $"/grievances/{id}", actor: null, headers: bearer);

        fresh.StatusCode.Should().Be(HttpStatusCode.OK);
        expired.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_officer_reads_the_grievances_of_their_department_and_another_departments_are_not_found()
    {
        using var client = _app.Factory.CreateClient();
        var power = await RegisterAsync(client, "electricity");
        var water = await RegisterAsync(client, "water");

        (await SendAsync(client, HttpMethod.Get, $"/grievances/{power}", OfficerL1)).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var path in new[] { $"/grievances/{water}", $"/grievances/{water}/history", $"/grievances/{water}/actions" })
        {
            var response = await SendAsync(client, HttpMethod.Get, path, OfficerL1);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            (await JsonAsync(response)).GetProperty("code").GetString().Should().Be("grievance-not-found");
        }

        var search = await JsonAsync(await SendAsync(client, HttpMethod.Get, "/grievances", OfficerL1));
        search.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetString()).Should().Equal(power);
        (await SendAsync(client, HttpMethod.Get, "/grievances?department=jal-nigam", OfficerL1)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await SendAsync(client, HttpMethod.Get, "/queues/officers/ae-lucknow", OfficerL1)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var own = await JsonAsync(await SendAsync(client, HttpMethod.Get, "/queues/officers/ae-lucknow", WaterOfficer));
        own.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetString()).Should().Equal(water);
        (await SendAsync(client, HttpMethod.Get, "/queues/feedback-calls", OfficerL1)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_complainant_reads_only_their_own_grievances_and_never_the_internal_notes()
    {
        using var client = _app.Factory.CreateClient();
        var id = await RegisterAsync(client, "electricity");
        await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/notes", OfficerL1, new { text = "Lineman suspects meter tampering.", isInternal = true });
        await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/notes", OfficerL1, new { text = "A lineman visits on Friday.", isInternal = false });

        var own = await SendAsync(client, HttpMethod.Get, $"/grievances/{id}/history", Citizen);
        var staff = await SendAsync(client, HttpMethod.Get, $"/grievances/{id}/history", Agent);
        var someoneElses = await SendAsync(client, HttpMethod.Get, $"/grievances/{id}", OtherCitizen);

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await own.Content.ReadAsStringAsync();
        text.Should().Contain("A lineman visits on Friday.").And.NotContain("tampering");
        (await staff.Content.ReadAsStringAsync()).Should().Contain("tampering");
        someoneElses.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SendAsync(client, HttpMethod.Get, "/grievances", Citizen)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await SendAsync(client, HttpMethod.Get, "/rankings?dimension=District&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z", Citizen))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_token_issuer_is_there_only_with_development_authentication_on()
    {
        using var production = new SampleApp(("Authentication:Development", "false"));
        using var client = production.Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/dev/tokens", new { role = "administrator", id = "me" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_request_that_names_no_valid_actor_is_a_problem()
    {
        using var client = _app.Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/dev/tokens", new { role = "officer", id = "je-lucknow", department = "uppcl" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("code").GetString().Should().Be("invalid-request");
    }

    public void Dispose() => _app.Dispose();

    private static async Task<string> RegisterAsync(HttpClient client, string category)
    {
        var registered = await SendAsync(client, HttpMethod.Post, "/grievances", Agent, new
        {
            channel = "helpline-1076", category, district = "Lucknow", complainantId = "citizen-42", description = "No supply.",
        });
        registered.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await JsonAsync(registered)).GetProperty("id").GetString()!;
    }
}
