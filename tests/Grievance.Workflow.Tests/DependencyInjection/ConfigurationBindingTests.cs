using System.Text;
using FluentAssertions;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Statistics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Grievance.Workflow.Tests.DependencyInjection;

public sealed class ConfigurationBindingTests
{
    private const string AppSettings = """
    {
      "GrievanceWorkflow": {
        "Levels": 4,
        "MaxTransfers": 2,
        "ReferenceNumberPrefix": "IGRS",
        "Escalation": {
          "ReopensPerLevel": { "1": 1, "2": 1 },
          "ReopenWindow": "10.00:00:00",
          "OnBreach": "EscalateToNextLevel",
          "Categories": { "police": { "AllowReopen": false } }
        },
        "Feedback": { "MaxUnreachableAttempts": 5, "Window": "3.00:00:00" },
        "Sla": {
          "DefaultDays": 7,
          "DaysPerLevel": { "4": 15 },
          "MaxExtensions": 1,
          "Categories": { "water": { "Days": 3 } }
        },
        "Calendar": { "TimeZoneId": "Asia/Kolkata", "WeeklyOff": "Sunday", "Holidays": [ "2026-11-09", "2026-11-24" ] },
        "Routing": {
          "Rules": [
            { "Category": "water", "Department": "jal-nigam" },
            { "Category": "water", "District": "Lucknow", "Department": "jal-sansthan-lko" }
          ],
          "DefaultDepartment": "collectorate",
          "Officers": [
            { "Department": "jal-sansthan-lko", "Level": 1, "Officer": "ae-zone-3" },
            { "Department": "jal-sansthan-lko", "Level": 2, "Officer": "ee-lucknow" }
          ]
        },
        "Outbox": { "CheckpointEvery": 25 },
        "Ranking": { "Parameters": [ { "Name": "Within time", "Measure": "DisposalWithinTime", "Weight": 60 }, { "Name": "Satisfaction", "Measure": "Satisfaction", "Weight": 40 } ] },
        "Retention": { "ContactRetention": "180.00:00:00", "OutboxRetention": "7.00:00:00", "OutboxSubscribers": [ "sms", "audit" ], "BatchSize": 50 }
      }
    }
    """;

    [Fact]
    public async Task Options_bind_from_an_appsettings_json_section_and_drive_the_engine()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(AppSettings))).Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 6, 4, 30, 0, TimeSpan.Zero)); // Friday, 10:00 IST
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        services.AddGrievanceWorkflow(configuration.GetSection(GrievanceWorkflowOptions.SectionName)).UseInMemoryStore();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<GrievanceWorkflowOptions>>().Value;
        options.Levels.Should().Be(4);
        options.Escalation.ReopensPerLevel.Should().BeEquivalentTo(new Dictionary<int, int> { [1] = 1, [2] = 1 });
        options.Escalation.OnBreach.Should().Be(BreachAction.EscalateToNextLevel);
        options.Escalation.ReopenWindow.Should().Be(TimeSpan.FromDays(10));
        options.Escalation.Categories["police"].AllowReopen.Should().BeFalse();
        options.Feedback.Window.Should().Be(TimeSpan.FromDays(3));
        options.Sla.DaysFor("water", 1).Should().Be(3);
        options.Sla.DaysFor("roads", 4).Should().Be(15);
        options.Calendar.Holidays.Should().Equal(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 24));
        options.Routing.Rules.Should().HaveCount(2);
        options.Outbox.CheckpointEvery.Should().Be(25);
        options.Retention.ContactRetention.Should().Be(TimeSpan.FromDays(180));
        options.Retention.OutboxRetention.Should().Be(TimeSpan.FromDays(7));
        options.Retention.OutboxSubscribers.Should().Equal("sms", "audit");
        options.Retention.BatchSize.Should().Be(50);
        var ranked = provider.GetRequiredService<IGrievanceRanking>().Rank([new GrievanceScorecard { Key = "x", Received = 2, Resolved = 2, DisposedWithinTime = 1, SatisfiedFeedback = 1, DissatisfiedFeedback = 1 }]);
        ranked.Single().Marks.Select(m => (m.Parameter, m.Marks)).Should().Equal(("Within time", 30.0), ("Satisfaction", 20.0));

        var workflow = provider.GetRequiredService<IGrievanceWorkflow>();
        var g = (await workflow.RegisterAsync(new RegisterGrievance(Actor.HelplineAgent("a-1"), Channel.Helpline1076,
            new GrievanceCategory("water"), new GrievanceLocation("Lucknow"), new Complainant("c-1"), "No water supply for 3 days."))).Grievance;

        g.ReferenceNumber.Value.Should().StartWith("IGRS-261106-");
        g.Department.Should().Be(new DepartmentId("jal-sansthan-lko"));
        g.Officer.Should().Be(new OfficerId("ae-zone-3"));
        // Friday + 3 working days in India: Sat 7, (Sun 8 off), (Mon 9 holiday), Tue 10, Wed 11: Wednesday 10:00 IST.
        g.DueAt.Should().Be(new DateTimeOffset(2026, 11, 11, 10, 0, 0, TimeSpan.FromHours(5.5)));
    }

    [Fact]
    public void Bad_values_in_configuration_fail_on_start_naming_the_option_and_the_value()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GrievanceWorkflow:Calendar:TimeZoneId"] = "Mars/Olympus_Mons",
            ["GrievanceWorkflow:Calendar:WeeklyOff"] = "Sunday, Caturday",
            ["GrievanceWorkflow:Routing:Rules:0:Category"] = "water",
        }).Build();
        using var provider = new ServiceCollection().AddGrievanceWorkflow(configuration.GetSection("GrievanceWorkflow")).UseInMemoryStore().Services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IGrievanceWorkflow>();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
            "Calendar.TimeZoneId: 'Mars/Olympus_Mons' is not a time zone known to this machine.",
            "Calendar.WeeklyOff: 'Caturday' is not a day of the week.",
            "Routing.Rules[0]: category 'water' and department '' are both required.");
    }
}
