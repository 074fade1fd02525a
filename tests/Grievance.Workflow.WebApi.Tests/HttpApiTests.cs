using System.Net;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using static Grievance.Workflow.WebApi.Tests.Api;

namespace Grievance.Workflow.WebApi.Tests;

/// <summary>
/// The HTTP API's conventions: every command has an endpoint; versions travel as ETag / If-Match (412 when stale); Idempotency-Key
/// is the command id; every error, the framework's included, is an RFC 9457 problem with a stable code and its facts; tracking is
/// rate-limited; health is JSON, live and ready apart; the OpenAPI document lists it all.
/// </summary>
public sealed class HttpApiTests : IDisposable
{
    private readonly SampleApp _app = new(("RateLimits:TrackingPerMinute", "3"));

    private static readonly string[] CommandPaths =
    [
        "report", "feedback", "transfer", "route", "reject", "withdraw", "duplicate", "notes", "clarification-request", "clarification", "extension",
        "escalation", "reopening", "special-closure", "special-closure/acceptance", "special-closure/rejection", "appeal", "appeal/upholding", "appeal/allowance",
    ];

    [Fact]
    public async Task A_command_names_the_version_it_read_with_If_Match_and_a_stale_one_is_refused_412_with_both_versions()
    {
        using var client = _app.Factory.CreateClient();
        var id = await RegisterAsync(client);
        var read = await SendAsync(client, HttpMethod.Get, $"/grievances/{id}", Agent);
        var etag = read.Headers.ETag!.Tag;

        var noted = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/notes", OfficerL1, new { text = "Called the lineman.", isInternal = true }, new() { ["If-Match"] = etag });
        var stale = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/report", OfficerL1, new { report = "Done." }, new() { ["If-Match"] = etag });
        var garbled = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/report", OfficerL1, new { report = "Done." }, new() { ["If-Match"] = "W/\"2\"" });

        etag.Should().Be("\"1\"");
        noted.StatusCode.Should().Be(HttpStatusCode.OK);
        noted.Headers.ETag!.Tag.Should().Be("\"2\"");
        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        var problem = await JsonAsync(stale);
        problem.GetProperty("code").GetString().Should().Be("version-mismatch");
        (problem.GetProperty("expectedVersion").GetInt64(), problem.GetProperty("actualVersion").GetInt64()).Should().Be((1, 2));
        garbled.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_Idempotency_Key_makes_a_retry_answer_with_the_first_result_and_a_reused_key_a_409_that_reveals_nothing()
    {
        using var client = _app.Factory.CreateClient();
        var id = await RegisterAsync(client);
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "ivr-call-4471" };

        var first = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/report", OfficerL1, new { report = "Meter replaced." }, key);
        var retry = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/report", OfficerL1, new { report = "Meter replaced." }, key);
        var other = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/notes", OfficerL1, new { text = "Another command.", isInternal = false }, key);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(retry)).GetProperty("version").GetInt64().Should().Be(2, "the retry is the first command's result, not a second report");
        other.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var body = await other.Content.ReadAsStringAsync();
        JsonDocument.Parse(body).RootElement.GetProperty("code").GetString().Should().Be("idempotency-key-reused");
        body.Should().NotContain(id).And.NotContain("Meter replaced");
    }

    [Fact]
    public async Task Every_command_has_its_endpoint_and_a_refusal_names_the_actions_allowed_now()
    {
        using var client = _app.Factory.CreateClient();
        var id = await RegisterAsync(client);
        var clarified = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/clarification-request", OfficerL1, new { text = "Which meter?" });
        var answered = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/clarification", Agent, new { text = "Meter 4471." });
        var extended = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/extension", OfficerL1, new { newDueAt = "2026-11-20T10:00:00+05:30", reason = "Awaiting a new meter." });
        var escalated = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/escalation", new Caller("administrator", "cm-office", null, null), new { text = "Repeated complaints." });
        var early = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/appeal", new Caller("complainant", "citizen-42", null, null), new { text = "Not yet closed." });

        new[] { clarified, answered, extended, escalated }.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK);
        (await JsonAsync(escalated)).GetProperty("level").GetInt32().Should().Be(2);
        early.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await JsonAsync(early);
        problem.GetProperty("code").GetString().Should().Be("action-not-allowed");
        problem.GetProperty("status").GetString().Should().Be("PendingWithOfficer");
        problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Contain("ReportAction");
        problem.GetProperty("type").GetString().Should().EndWith("#action-not-allowed");
    }

    [Theory]
    [InlineData("POST", "/grievances/{id}/report", "{\"report\": ", "application/json", HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("POST", "/grievances/{id}/report", "{\"report\": \"a\", \"report\": \"b\"}", "application/json", HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("POST", "/grievances/{id}/report", "report=a", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type")]
    [InlineData("GET", "/no-such-thing", null, null, HttpStatusCode.NotFound, "not-found")]
    [InlineData("DELETE", "/grievances/{id}", null, null, HttpStatusCode.MethodNotAllowed, "method-not-allowed")]
    public async Task The_frameworks_own_errors_are_problems_with_a_code_too(string method, string path, string? body, string? mediaType, HttpStatusCode status, string code)
    {
        using var client = _app.Factory.CreateClient();
        var id = await RegisterAsync(client);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id, StringComparison.Ordinal));
        request.Headers.Authorization = new("Bearer", await TokenAsync(client, OfficerL1));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType!);
        }

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await JsonAsync(response)).GetProperty("code").GetString().Should().Be(code);
        (await SendAsync(client, HttpMethod.Get, $"/grievances/{id}", Agent)).Headers.ETag!.Tag.Should().Be("\"1\"", "a refused request changes nothing");
    }

    [Fact]
    public async Task Search_scorecards_rankings_and_flows_answer_the_supervisors_questions()
    {
        using var client = _app.Factory.CreateClient();
        var id = await RegisterAsync(client);
        await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/report", OfficerL1, new { report = "Meter replaced." });
        const string Period = "dimension=Department&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";

        var search = await JsonAsync(await SendAsync(client, HttpMethod.Get, "/grievances?status=AwaitingFeedback&department=uppcl", Agent));
        var none = await JsonAsync(await SendAsync(client, HttpMethod.Get, "/grievances?status=Closed", Agent));
        var cards = await JsonAsync(await SendAsync(client, HttpMethod.Get, $"/scorecards?{Period}", Admin));
        var ranking = await JsonAsync(await SendAsync(client, HttpMethod.Get, $"/rankings?{Period}", Admin));
        var flows = await JsonAsync(await SendAsync(client, HttpMethod.Get, $"/flows?{Period}", Admin));
        var backwards = await SendAsync(client, HttpMethod.Get, "/scorecards?dimension=Department&from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", Admin);

        search.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetString()).Should().Equal(id);
        none.GetProperty("items").GetArrayLength().Should().Be(0);
        cards.EnumerateArray().Single().GetProperty("received").GetInt64().Should().Be(1);
        ranking.GetArrayLength().Should().Be(1);
        flows.EnumerateArray().Single().GetProperty("received").GetInt64().Should().Be(1);
        backwards.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Tracking_is_rate_limited_per_client_with_a_problem_answer()
    {
        using var client = _app.Factory.CreateClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            codes.Add((await client.GetAsync("/track/GRV-261102-NONE0000")).StatusCode);
        }

        var limited = await client.GetAsync("/track/GRV-261102-NONE0001");

        codes.Take(3).Should().OnlyContain(c => c == HttpStatusCode.NotFound);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await JsonAsync(limited)).GetProperty("code").GetString().Should().Be("rate-limited");
    }

    [Fact]
    public async Task Health_is_json_with_liveness_and_readiness_apart()
    {
        using var client = _app.Factory.CreateClient();

        var live = await JsonAsync(await client.GetAsync("/health/live"));
        var ready = await JsonAsync(await client.GetAsync("/health/ready"));

        live.GetProperty("status").GetString().Should().Be("Healthy");
        live.GetProperty("checks").GetArrayLength().Should().Be(0, "liveness asks nothing of the store");
        ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_command_with_its_problem_responses()
    {
        using var client = _app.Factory.CreateClient();

        var document = await JsonAsync(await client.GetAsync("/openapi/v1.json"));

        var paths = document.GetProperty("paths");
        foreach (var command in CommandPaths)
        {
            var post = paths.GetProperty($"/grievances/{{id}}/{command}").GetProperty("post");
            post.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "400", "403", "404", "409", "412", "422"], command);
        }

        paths.EnumerateObject().Select(p => p.Name).Should().Contain(["/grievances", "/grievances/{id}", "/track/{reference}", "/queues/defaulters"]);
    }

    public void Dispose() => _app.Dispose();

    private static async Task<string> RegisterAsync(HttpClient client)
    {
        var registered = await SendAsync(client, HttpMethod.Post, "/grievances", Agent, new
        {
            channel = "helpline-1076", category = "electricity", district = "Lucknow", complainantId = "citizen-42", description = "Meter burnt.",
        });
        registered.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await JsonAsync(registered)).GetProperty("id").GetString()!;
    }
}
