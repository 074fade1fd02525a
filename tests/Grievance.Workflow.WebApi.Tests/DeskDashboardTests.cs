using System.Globalization;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.WebApi.Tests;

/// <summary>
/// The supervisor's dashboard in a real browser over two weeks of a desk's work (registered, reported and given feedback through
/// the library, day by day on the fake clock, from a fixed seed): its figures are the library's, an officer's defaulters are their
/// department's. Its screenshot is the one the README shows.
/// </summary>
public sealed class DeskDashboardTests(DeskBrowser desk) : IClassFixture<DeskBrowser>
{
    private static readonly string[] Districts = ["Lucknow", "Kanpur Nagar", "Varanasi", "Prayagraj", "Agra", "Gorakhpur", "Meerut", "Bareilly"];

    [BrowserFact]
    public async Task The_dashboard_ranks_departments_and_districts_lists_defaulters_and_draws_the_days_from_the_librarys_figures()
    {
        var registered = await SeedTwoWeeksAsync();
        var admin = await desk.PersonAsync();
        await DeskBrowser.SignInAsync(admin, "administrator");

        await admin.GotoAsync("/desk/dashboard");

        (await admin.Locator("[data-testid=rank-departments] tbody tr").CountAsync()).Should().Be(2);
        (await admin.Locator("[data-testid=rank-districts] tbody tr").CountAsync()).Should().Be(Districts.Length);
        var firstStep = await admin.Locator("[data-testid=funnel-step]").First.TextContentAsync();
        firstStep.Should().Contain("Registered").And.Contain(registered.ToString(CultureInfo.InvariantCulture));
        var perDay = await admin.EvaluateAsync<int[]>("() => [...document.querySelectorAll('details table tbody tr td:nth-child(2)')].map(td => +td.textContent)");
        perDay.Sum().Should().Be(registered);
        (await admin.Locator("svg.chart title").First.TextContentAsync()).Should().Contain("per day");
        (await admin.Locator("[data-testid=defaulter]").CountAsync()).Should().BeGreaterThan(0);
        await DeskBrowser.ScreenshotAsync(admin, "dashboard");

        var waterOfficer = await desk.PersonAsync();
        await DeskBrowser.SignInAsync(waterOfficer, "officer", officer: "jal-nigam/1/ae-lucknow");
        await waterOfficer.GotoAsync("/desk/dashboard");
        var departments = await waterOfficer.Locator("[data-testid=defaulter] td:nth-child(2)").AllTextContentsAsync();
        departments.Should().NotBeEmpty().And.OnlyContain(d => d == "jal-nigam");
    }

    /// <summary>Fourteen days of complaints through the library: each day's arrivals, officers reporting on some, feedback on those.</summary>
    /// <returns>How many were registered.</returns>
    private async Task<int> SeedTwoWeeksAsync()
    {
        var workflow = desk.Services.GetRequiredService<IGrievanceWorkflow>();
        var random = new Random(1076);
        var agent = Actor.HelplineAgent("agent-seed");
        var open = new List<GrievanceId>();
        var registered = 0;
        for (var day = 0; day < 14; day++)
        {
            if (day > 0)
            {
                desk.Clock.Advance(TimeSpan.FromDays(1)); // the chart's fortnight ends today
            }

            for (var i = 0; i < 6 + random.Next(8); i++, registered++)
            {
                var done = await workflow.RegisterAsync(new RegisterGrievance(
                    agent,
                    new Channel(i % 3 == 0 ? "dm-portal" : "helpline-1076"),
                    new GrievanceCategory(random.Next(3) == 0 ? "water" : "electricity"),
                    new GrievanceLocation(Districts[random.Next(Districts.Length)]),
                    new Complainant($"seed-{day}-{i}", new ContactDetails(null, null, null, null)),
                    "A complaint of the seeded fortnight."));
                open.Add(done.Grievance.Id);
            }

            foreach (var id in open.ToList())
            {
                var grievance = await workflow.GetAsync(id);
                if (grievance.Status == GrievanceStatus.PendingWithOfficer && grievance.RegisteredAt < desk.Clock.GetUtcNow()
                    && random.Next(grievance.Department!.Value.Value == "jal-nigam" ? 8 : 3) == 1) // the water department is slow: its defaulters pile up
                {
                    var officer = Actor.Officer(grievance.Officer!.Value, grievance.Department!.Value, grievance.Level);
                    await workflow.ExecuteAsync(new ReportAction(id, officer, "Attended to."));
                    await workflow.ExecuteAsync(new RecordFeedback(id, agent, random.Next(5) == 0 ? FeedbackResponse.Dissatisfied : FeedbackResponse.Satisfied, "Called back.", 3));
                }
            }
        }

        return registered;
    }
}
