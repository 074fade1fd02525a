using FluentAssertions;
using Grievance.Workflow.Telemetry;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Grievance.Workflow.Tests.Model;

public sealed class TextValidationTests
{
    private static readonly GrievanceId SomeId = new(Guid.Parse("6f1c2e4a-0000-4000-8000-000000000001"));

    public static TheoryData<string, int, Func<object>> BadText() => new()
    {
        { "report", 5, () => new ReportAction(SomeId, Seed.OfficerL1, "Done.\0 hidden") },
        { "text", 0, () => new AddNote(SomeId, Seed.Agent, "\u001B[31mred") },
        { "reason", 3, () => new TransferGrievance(SomeId, Seed.Agent, Seed.Revenue, "abc\u0085") },
        { "reason", 4, () => new EscalateGrievance(SomeId, Seed.Admin, "oops\uD83D") },
        { "answer", 2, () => new ProvideClarification(SomeId, Seed.Citizen, "ab\uDE00cd") },
        { "question", 1, () => new RequestClarification(SomeId, Seed.OfficerL1, "a\u007F") },
        { "remarks", 0, () => new RejectGrievance(SomeId, Seed.Admin, "sub-judice", "\u0007bell") },
        { "reason", 2, () => new WithdrawGrievance(SomeId, Seed.Citizen, "ok\u0000") },
        { "reason", 1, () => new RecordFeedback(SomeId, Seed.Agent, FeedbackResponse.Dissatisfied, "x\uD800") },
        { "remarks", 3, () => new MarkDuplicate(SomeId, Seed.Agent, new ReferenceNumber("GRV-1"), "dup\u001F") },
        { "reason", 0, () => new ExtendDeadline(SomeId, Seed.OfficerL1, Seed.Start, "\u009Bcsi") },
        { "description", 5, () => Seed.Complaint(description: "बिजली\u0000") },
        { "address", 4, () => new ContactDetails(address: "12 H\u0000") },
        { "name", 2, () => new ContactDetails(name: "Ra\uDC00m") },
        { "value", 4, () => new OfficerId("je-1\n") },
        { "value", 2, () => new DepartmentId("up\tpcl") },
        { "value", 3, () => new CommandId("cmd😀") },
        { "id", 7, () => new Complainant("citizen\r") },
        { "id", 5, () => Actor.HelplineAgent("agent\u0000") },
        { "district", 7, () => new GrievanceLocation("Lucknow\n") },
        { "code", 4, () => new GrievanceCategory("land\u2028x\u0000") },
    };

    [Theory]
    [MemberData(nameof(BadText))]
    public void A_control_character_or_lone_surrogate_is_refused_naming_the_parameter_and_position_but_not_the_text(string parameter, int position, Func<object> make)
    {
        var error = make.Should().Throw<ArgumentException>().Which;

        error.ParamName.Should().Be(parameter);
        error.Message.Should().Contain($"at position {position}");
        error.Message.Should().NotContain("hidden").And.NotContain("बिजली").And.NotContain("citizen").And.NotContain("Ra");
    }

    [Theory]
    [InlineData("क्षत्रिय ज्ञान — हिन्दी")]
    [InlineData("👨‍👩‍👧‍👦 family, 🇮🇳 flag, e\u0301 combining")]
    [InlineData("tab\there\r\nCRLF\nLF")]
    [InlineData("'; DROP TABLE grievances; -- \\ % _ \" $1")]
    [InlineData("\u200D\u200C\u00A0\uFEFF\u202E bidi and zero-width")]
    public void Every_script_emoji_tab_and_newline_pass_as_text_unchanged(string text)
    {
        new AddNote(SomeId, Seed.Agent, text).Text.Should().BeSameAs(text);
        GrievanceText.IsValidText(text).Should().BeTrue();
    }

    [Theory]
    [InlineData("helpline-1076")]
    [InlineData("thana-samadhan-diwas")]
    [InlineData("181")]
    public void A_channel_is_a_lower_case_code(string code) => new Channel(code).Code.Should().Be(code);

    [Theory]
    [InlineData("Web", 0)]
    [InlineData("web\nINFO forged log line", 3)]
    [InlineData("ram prasad 9800000042", 3)]
    [InlineData("-web", 0)]
    [InlineData("web_portal", 3)]
    [InlineData("वेब", 0)]
    public void A_channel_that_is_not_a_code_is_refused_naming_the_position(string code, int position)
    {
        var make = () => new Channel(code);

        make.Should().Throw<ArgumentException>().Which.Message.Should().Contain($"at position {position}").And.NotContain("9800000042").And.NotContain("INFO");
    }

    [Fact]
    public void A_channel_code_longer_than_the_limit_is_refused()
    {
        var make = () => new Channel(new string('a', Channel.MaxLength + 1));

        make.Should().Throw<ArgumentException>().Which.Message.Should().Contain($"the limit is {Channel.MaxLength}");
    }

    [Fact]
    public async Task Registrations_are_tagged_with_well_known_channels_by_name_and_any_other_as_other()
    {
        using var seed = new Seed(build: b => b.Services.AddMetrics());
        using var registrations = new MetricCollector<long>(seed.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), GrievanceTelemetry.Name, GrievanceTelemetry.Registrations);

        await seed.Workflow.RegisterAsync(Seed.Complaint(channel: Channel.Helpline1076));
        await seed.Workflow.RegisterAsync(Seed.Complaint(channel: new Channel("ram-prasad-9800000042")));

        registrations.GetMeasurementSnapshot().Select(m => m.Tags[GrievanceTelemetry.ChannelTag]).Should().Equal("helpline-1076", "other");
    }
}
