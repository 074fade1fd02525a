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

    [Fact]
    public async Task Enums_are_written_as_their_names_with_default_options_and_read_back_from_names_or_numbers()
    {
        using var seed = new Seed();
        var g = await seed.ReportAsync(await seed.RegisterAsync());

        var json = JsonSerializer.Serialize(g);

        json.Should().Contain("\"Status\":\"AwaitingFeedback\"").And.Contain("\"Outcome\":\"None\"");
        JsonSerializer.Deserialize<GrievanceSnapshot>(json).Should().Be(g);
        JsonSerializer.Deserialize<GrievanceStatus>("2").Should().Be((GrievanceStatus)2, "a document written before keeps reading");
    }

    public static TheoryData<Type> PublicEnums()
    {
        var data = new TheoryData<Type>();
        Type[] anchors =
        [
            typeof(GrievanceStatus), typeof(Grievance.Workflow.Storage.InMemoryGrievanceStore), typeof(Grievance.Workflow.Hosting.BackgroundJobs),
            typeof(Grievance.Workflow.Sqlite.SqliteGrievanceStore), typeof(Grievance.Workflow.PostgreSql.PostgreSqlGrievanceStore), typeof(Grievance.Workflow.Testing.WriteFault),
        ];
        foreach (var type in anchors.SelectMany(a => a.Assembly.GetExportedTypes()).Where(t => t.IsEnum).Distinct())
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublicEnums))]
    public void Every_public_enum_of_the_packages_is_written_as_its_names(Type type)
    {
        var value = Enum.GetValues(type).Cast<object>().Last();

        var json = JsonSerializer.Serialize(value, type);

        json.Should().Be($"\"{Enum.Format(type, value, "G")}\"");
        JsonSerializer.Deserialize(json, type).Should().Be(value);
    }
}
