using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using static Grievance.Workflow.WebApi.Tests.Api;

namespace Grievance.Workflow.WebApi.Tests;

/// <summary>The Web API sample, in memory, on its own SQLite file and a fake clock.</summary>
public sealed class WebApiSampleTests : IDisposable
{
    private readonly SampleApp _app = new();

    [Fact]
    public async Task A_complaint_goes_from_registration_to_resolved_over_http_and_the_public_tracking_shows_no_personal_data()
    {
        using var client = _app.Factory.CreateClient();

        var registered = await SendAsync(client, HttpMethod.Post, "/grievances", Agent, new
        {
            channel = "helpline-1076", category = "electricity", district = "Lucknow", tehsil = "Sadar",
            complainantId = "citizen-42", name = "Ram Prasad", phone = "+91-9800000042", description = "October bill is wrong.",
        });
        registered.StatusCode.Should().Be(HttpStatusCode.Created);
        var g = await JsonAsync(registered);
        var id = g.GetProperty("id").GetString()!;
        registered.Headers.Location!.ToString().Should().Be($"/grievances/{id}");
        g.GetProperty("status").GetString().Should().Be("PendingWithOfficer");
        g.GetProperty("officer").GetString().Should().Be("je-lucknow");

        var actions = await JsonAsync(await SendAsync(client, HttpMethod.Get, $"/grievances/{id}/actions", OfficerL1));
        actions.EnumerateArray().Select(a => a.GetString()).Should().Contain("ReportAction");

        var reported = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/report", OfficerL1, new { report = "Visited Ram Prasad at 12 Hazratganj; bill corrected.", expectedVersion = 1 });
        (await JsonAsync(reported)).GetProperty("status").GetString().Should().Be("AwaitingFeedback");
        var closed = await JsonAsync(await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/feedback", Agent, new { response = "Satisfied", rating = 5 }));
        closed.GetProperty("outcome").GetString().Should().Be("Resolved");
        closed.GetProperty("version").GetInt64().Should().Be(3);

        var history = await JsonAsync(await SendAsync(client, HttpMethod.Get, $"/grievances/{id}/history", Agent));
        history.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Equal("Register", "ReportAction", "RecordSatisfied");
        var tracking = await client.GetStringAsync($"/track/{g.GetProperty("referenceNumber").GetString()}");
        tracking.Should().Contain("Resolved").And.NotContain("Ram Prasad").And.NotContain("9800000042").And.NotContain("Hazratganj");
        var reference = g.GetProperty("referenceNumber").GetString();
        var mine = await SendAsync(client, HttpMethod.Get, $"/track/{reference}/mine", new Caller("complainant", "citizen-42", null, null));
        (await mine.Content.ReadAsStringAsync()).Should().Contain("12 Hazratganj; bill corrected.");
        var someoneElses = await SendAsync(client, HttpMethod.Get, $"/track/{reference}/mine", new Caller("complainant", "citizen-99", null, null));
        someoneElses.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var health = await client.GetAsync("/health");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(health)).GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task The_workflows_typed_errors_come_back_as_problem_responses_with_the_right_status()
    {
        using var client = _app.Factory.CreateClient();
        var g = await JsonAsync(await SendAsync(client, HttpMethod.Post, "/grievances", Agent, new
        {
            channel = "web", category = "electricity", district = "Lucknow", complainantId = "citizen-7", description = "No power since Monday.",
        }));
        var id = g.GetProperty("id").GetString()!;

        var anonymous = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/report", actor: null, new { report = "Done." });
        var stranger = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/report", new("officer", "je-kanpur", "uppcl", "1"), new { report = "Done." });
        var stale = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/report", OfficerL1, new { report = "Done." }, new() { ["If-Match"] = "\"7\"" });
        var early = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/feedback", Agent, new { response = "Satisfied" });
        var empty = await SendAsync(client, HttpMethod.Post, $"/grievances/{id}/report", OfficerL1, new { report = "" });
        var unknown = await SendAsync(client, HttpMethod.Get, $"/grievances/{Guid.NewGuid()}", Agent);
        var notAnId = await SendAsync(client, HttpMethod.Get, "/grievances/42", Agent);

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await JsonAsync(stale)).GetProperty("detail").GetString().Should().Contain("7").And.Contain(id);
        early.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await JsonAsync(early)).GetProperty("detail").GetString().Should().Contain("RecordSatisfied");
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        notAnId.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        early.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_command_id_reused_by_another_caller_is_a_conflict_that_reveals_nothing_and_a_forged_channel_is_refused()
    {
        // Regressions: registering with another caller's command id answered 201 with that caller's grievance; a newline in the
        // channel forged a log line.
        using var client = _app.Factory.CreateClient();
        var first = await SendAsync(client, HttpMethod.Post, "/grievances", Agent, new
        {
            channel = "web", category = "electricity", district = "Lucknow", complainantId = "citizen-7", description = "No power since Monday.", commandId = "portal-77",
        });
        var retry = await SendAsync(client, HttpMethod.Post, "/grievances", Agent, new
        {
            channel = "web", category = "electricity", district = "Lucknow", complainantId = "citizen-7", description = "No power since Monday.", commandId = "portal-77",
        });
        var stolen = await SendAsync(client, HttpMethod.Post, "/grievances", new Caller("complainant", "citizen-99", null, null), new
        {
            channel = "web", category = "electricity", district = "Agra", complainantId = "citizen-99", description = "Mine.", commandId = "portal-77",
        });
        var forged = await SendAsync(client, HttpMethod.Post, "/grievances", Agent, new
        {
            channel = "web\nINFO: admin logged in", category = "electricity", district = "Lucknow", complainantId = "citizen-7", description = "x",
        });

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var original = await JsonAsync(first);
        (await JsonAsync(retry)).GetProperty("id").GetString().Should().Be(original.GetProperty("id").GetString());
        stolen.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var body = await stolen.Content.ReadAsStringAsync();
        body.Should().NotContain(original.GetProperty("id").GetString()!).And.NotContain("citizen-7").And.NotContain("No power");
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync()).Should().NotContain("admin logged in");
    }

    [Fact]
    public async Task Work_queues_page_with_opaque_tokens_until_the_last_page_and_refuse_a_bad_token()
    {
        using var client = _app.Factory.CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var created = await JsonAsync(await SendAsync(client, HttpMethod.Post, "/grievances", Agent, new
            {
                channel = "web", category = "electricity", district = "Lucknow", complainantId = $"citizen-{i}", description = "Meter reads wrong.",
            }));
            ids.Add(created.GetProperty("id").GetString()!);
            _app.Clock.Advance(TimeSpan.FromMinutes(1)); // deadlines one minute apart: the queue's order is the registration order
        }

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await JsonAsync(await SendAsync(client, HttpMethod.Get, $"/queues/officers/je-lucknow?limit=2{(next is null ? "" : $"&after={next}")}", OfficerL1));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetString()!));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            pages++;
        }
        while (next is not null);
        var badToken = await SendAsync(client, HttpMethod.Get, "/queues/officers/je-lucknow?after=bm90LWEtdG9rZW4", OfficerL1);
        var tooMany = await SendAsync(client, HttpMethod.Get, "/queues/feedback-calls?limit=500", Agent);
        var defaulters = await JsonAsync(await SendAsync(client, HttpMethod.Get, "/queues/defaulters", Agent));

        seen.Should().Equal(ids, "an officer's queue is earliest deadline first, each grievance once");
        pages.Should().Be(3);
        badToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        tooMany.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        defaulters.GetProperty("items").GetArrayLength().Should().Be(0, "no deadline has passed yet");
    }

    public void Dispose() => _app.Dispose();
}
