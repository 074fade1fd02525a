using System.Text.Json;
using FluentAssertions;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Serialization;

/// <summary>The model as plain JSON with System.Text.Json and no configuration: ids, numbers and channels as strings, and back.</summary>
public sealed class JsonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_grievance_and_its_history_round_trip_through_json_with_ids_as_plain_strings()
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();
        g = await seed.FeedbackAsync(await seed.ReportAsync(g), FeedbackResponse.Dissatisfied, "still wrong");
        g = await seed.FeedbackAsync(await seed.ReportAsync(g), FeedbackResponse.Dissatisfied, "still wrong");
        var history = await seed.Workflow.GetHistoryAsync(g.Id);

        var json = JsonSerializer.Serialize(g, Web);
        var historyJson = JsonSerializer.Serialize(history, Web);

        using (var document = JsonDocument.Parse(json))
        {
            var root = document.RootElement;
            root.GetProperty("id").GetString().Should().Be(g.Id.ToString());
            root.GetProperty("referenceNumber").GetString().Should().Be(g.ReferenceNumber.Value);
            root.GetProperty("channel").GetString().Should().Be("helpline-1076");
            root.GetProperty("department").GetString().Should().Be("uppcl");
            root.GetProperty("officer").GetString().Should().Be("uppcl-l2");
            root.GetProperty("reopenCounts").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(1);
        }

        historyJson.Should().Contain("""
            "actor":{"id":"uppcl-l1","role":"Officer","department":"uppcl","level":1}
            """.Trim());
        JsonSerializer.Deserialize<GrievanceSnapshot>(json, Web).Should().Be(g);
        JsonSerializer.Deserialize<List<HistoryEntry>>(historyJson, Web).Should().Equal(history);
    }

    [Fact]
    public void Ids_are_dictionary_keys_too_and_bad_values_fail_with_a_json_error_that_names_the_type()
    {
        var byDepartment = new Dictionary<DepartmentId, int> { [new DepartmentId("uppcl")] = 3 };

        var json = JsonSerializer.Serialize(byDepartment);
        var back = JsonSerializer.Deserialize<Dictionary<DepartmentId, int>>(json);
        var badId = () => JsonSerializer.Deserialize<GrievanceId>("\"not-a-guid\"");
        var badActor = () => JsonSerializer.Deserialize<Actor>("""{"id":"je-1","role":"Officer","department":"uppcl","level":0}""");
        var number = () => JsonSerializer.Deserialize<ReferenceNumber>("42");

        json.Should().Be("""{"uppcl":3}""");
        back.Should().Equal(byDepartment);
        badId.Should().Throw<JsonException>().WithMessage("'not-a-guid' is not a valid GrievanceId*");
        badActor.Should().Throw<JsonException>().WithMessage("Not a valid actor (role 'Officer')*level*");
        number.Should().Throw<JsonException>().WithMessage("A ReferenceNumber is a JSON string; found Number.");
        JsonSerializer.Deserialize<Actor>(JsonSerializer.Serialize(Actor.System)).Should().BeSameAs(Actor.System);
        JsonSerializer.Deserialize<Channel>("\"tehsil-diwas\"").Should().Be(Channel.TehsilDiwas);
    }
}
