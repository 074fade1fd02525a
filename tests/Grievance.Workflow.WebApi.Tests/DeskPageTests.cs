using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Grievance.Workflow.WebApi.Tests;

/// <summary>
/// The desk's pages in a real browser (headless Chromium): a complaint filed, routed, reported, rejected twice by the complainant
/// and closed at L2; the officer sees exactly the permitted buttons; a stale form gets the concurrency message; Hindi renders;
/// forms work without JavaScript; the lifecycle diagram draws.
/// </summary>
public sealed class DeskPageTests(DeskBrowser desk) : IClassFixture<DeskBrowser>
{
    private static readonly Regex ReferencePattern = new(@"[A-Z]+-\d{6}-[0-9A-Z]+", RegexOptions.CultureInvariant);

    [BrowserFact]
    public async Task A_complaint_filed_on_the_web_is_routed_reported_twice_disputed_twice_and_closed_at_L2()
    {
        var citizen = await desk.PersonAsync();
        await DeskBrowser.SignInAsync(citizen, "complainant", complainantId: "citizen-501");
        var reference = await FileAsync(citizen, "other", "गाँव में तीन दिन से बिजली नहीं है। No power in the village for three days.");
        await DeskBrowser.ScreenshotAsync(citizen, "track-registered");

        var admin = await desk.PersonAsync();
        await DeskBrowser.SignInAsync(admin, "administrator");
        await admin.GotoAsync($"/track?reference={reference}");
        await admin.ClickAsync("text=Open in the desk");
        await ActAsync(admin, "Route", form => form.Locator("select").SelectOptionAsync("uppcl"));
        (await admin.TextContentAsync("[data-testid=officer]")).Should().Be("je-lucknow");

        var l1 = await desk.PersonAsync();
        await DeskBrowser.SignInAsync(l1, "officer", officer: "uppcl/1/je-lucknow");
        await OpenFromQueueAsync(l1, reference);
        await DeskBrowser.ScreenshotAsync(l1, "grievance-l1");
        await ActAsync(l1, "ReportAction", form => form.Locator("textarea").FillAsync("Fuse replaced at the village transformer."));
        await GiveFeedbackAsync(citizen, reference, satisfied: false, "The supply failed again the same evening.");
        (await StatusAsync(citizen, reference)).Should().Be(("Pending with officer", "L1"));

        await OpenFromQueueAsync(l1, reference);
        await ActAsync(l1, "ReportAction", form => form.Locator("textarea").FillAsync("Transformer replaced; supply restored."));
        await GiveFeedbackAsync(citizen, reference, satisfied: false, "Voltage is still too low to run a pump.");
        (await StatusAsync(citizen, reference)).Should().Be(("Pending with officer", "L2"));

        var l2 = await desk.PersonAsync();
        await DeskBrowser.SignInAsync(l2, "officer", officer: "uppcl/2/xen-lucknow");
        await OpenFromQueueAsync(l2, reference);
        await ActAsync(l2, "ReportAction", form => form.Locator("textarea").FillAsync("New 100 kVA transformer installed; voltage checked at 230 V."));
        await GiveFeedbackAsync(citizen, reference, satisfied: true, null);

        var (status, level) = await StatusAsync(citizen, reference);
        status.Should().Be("Closed");
        level.Should().Be("L2");
        (await citizen.TextContentAsync("[data-testid=outcome]")).Should().Be("Resolved");
        (await citizen.ContentAsync()).Should().Contain("New 100 kVA transformer installed");
        await DeskBrowser.ScreenshotAsync(citizen, "track-closed");
    }

    [BrowserFact]
    public async Task An_officer_sees_a_button_for_exactly_each_action_the_library_permits_them()
    {
        var citizen = await desk.PersonAsync();
        await DeskBrowser.SignInAsync(citizen, "complainant", complainantId: "citizen-502");
        var reference = await FileAsync(citizen, "electricity", "Meter shows double the reading.");
        var l1 = await desk.PersonAsync();
        await DeskBrowser.SignInAsync(l1, "officer", officer: "uppcl/1/je-lucknow");

        await OpenFromQueueAsync(l1, reference);

        var shown = await l1.Locator("[data-action]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.action)");
        var workflow = desk.Services.GetRequiredService<IGrievanceWorkflow>();
        var grievance = (await workflow.FindByReferenceAsync(new ReferenceNumber(reference)))!;
        var permitted = await workflow.GetPermittedActionsAsync(grievance.Id, Actor.Officer(new OfficerId("je-lucknow"), new DepartmentId("uppcl"), 1));
        shown.Should().BeEquivalentTo(permitted.Select(a => a.ToString()));
        shown.Should().Contain("ReportAction").And.NotContain("AcceptSpecialClosure").And.NotContain("RecordSatisfied").And.NotContain("Route");
    }

    [BrowserFact]
    public async Task A_form_that_went_stale_while_another_officer_acted_is_refused_with_the_concurrency_message()
    {
        var citizen = await desk.PersonAsync();
        await DeskBrowser.SignInAsync(citizen, "complainant", complainantId: "citizen-503");
        var reference = await FileAsync(citizen, "electricity", "Street light pole fell on the road.");
        var first = await desk.PersonAsync();
        await DeskBrowser.SignInAsync(first, "officer", officer: "uppcl/1/je-lucknow");
        var second = await first.Context.NewPageAsync();
        await OpenFromQueueAsync(first, reference);
        await second.GotoAsync(first.Url);

        await ActAsync(first, "AddNote", form => form.Locator("textarea").FillAsync("Crew sent."));
        await second.BringToFrontAsync();
        await ActAsync(second, "ReportAction", form => form.Locator("textarea").FillAsync("Pole re-erected."), expectNotice: false);

        var alert = await second.TextContentAsync("[data-testid=refused]");
        alert.Should().Contain("changed while you had it open").And.Contain("version 1").And.Contain("version 2");
        (await second.TextContentAsync("h1 [data-testid=status]")).Should().Be("Pending with officer");
        await DeskBrowser.ScreenshotAsync(second, "grievance-stale");
    }

    [BrowserFact]
    public async Task The_forms_say_what_is_missing_and_work_without_JavaScript()
    {
        var citizen = await desk.PersonAsync(javaScript: false);
        await DeskBrowser.SignInAsync(citizen, "complainant", complainantId: "citizen-504");
        await citizen.GotoAsync("/file");

        await citizen.ClickAsync("main button[type=submit]");

        var errors = await citizen.Locator(".field-error").AllTextContentsAsync();
        errors.Should().Contain("Choose a category.").And.Contain("Choose a district.").And.Contain("Describe the problem.");
        var reference = await FileAsync(citizen, "water", "Hand pump broken near the school.");
        reference.Should().MatchRegex(ReferencePattern.ToString());
    }

    [BrowserFact]
    public async Task The_pages_speak_Hindi_in_a_Devanagari_font_and_are_labelled_and_keyboard_reachable()
    {
        var citizen = await desk.PersonAsync();
        await DeskBrowser.SignInAsync(citizen, "complainant", complainantId: "citizen-505");
        await citizen.GotoAsync("/file");
        await citizen.ClickAsync("a[hreflang=hi]");

        (await citizen.TextContentAsync("main h1")).Should().Be("शिकायत दर्ज करें");
        (await citizen.GetAttributeAsync("html", "lang")).Should().Be("hi");
        (await citizen.EvaluateAsync<bool>("async () => { await document.fonts.ready; return document.fonts.check('16px \"Noto Sans Devanagari\"', 'शिकायत'); }")).Should().BeTrue();
        var unlabelled = await citizen.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => e.labels.length === 0).map(e => e.name)");
        unlabelled.Should().BeEmpty();
        (await citizen.Locator("header").CountAsync()).Should().Be(1);
        (await citizen.Locator("main").CountAsync()).Should().Be(1);
        await citizen.Keyboard.PressAsync("Tab");
        (await citizen.EvaluateAsync<string>("() => document.activeElement.className")).Should().Be("skip");
        await DeskBrowser.ScreenshotAsync(citizen, "file-hindi");
    }

    [BrowserFact]
    public async Task The_lifecycle_diagram_renders_from_the_librarys_Mermaid_text_with_the_vendored_script()
    {
        var visitor = await desk.PersonAsync();

        await visitor.GotoAsync("/lifecycle");

        await visitor.WaitForSelectorAsync("pre.mermaid svg");
        (await visitor.Locator("pre.mermaid svg").TextContentAsync()).Should().Contain("PendingWithOfficer").And.Contain("AwaitingFeedback");
        await DeskBrowser.ScreenshotAsync(visitor, "lifecycle");
    }

    /// <summary>Files a complaint on the page and returns its reference number from the confirmation.</summary>
    private static async Task<string> FileAsync(IPage page, string category, string description)
    {
        await page.GotoAsync("/file");
        await page.SelectOptionAsync("#Form_Category", category);
        await page.SelectOptionAsync("#Form_District", "Lucknow");
        await page.FillAsync("#Form_Description", description);
        await page.FillAsync("#Form_Name", "Sita Devi");
        await page.FillAsync("#Form_Phone", "+91-9800000501");
        await page.ClickAsync("main button[type=submit]");
        var notice = await page.TextContentAsync("[data-testid=notice]");
        return ReferencePattern.Match(notice!).Value;
    }

    private static async Task OpenFromQueueAsync(IPage page, string reference)
    {
        await page.GotoAsync("/desk/queue");
        await page.ClickAsync($"a:text-is('{reference}')");
        await page.WaitForSelectorAsync("h1 [data-testid=status]");
    }

    /// <summary>Opens an action's form, fills it, submits it and (by default) waits for the page to say it was done.</summary>
    private static async Task ActAsync(IPage page, string action, Func<ILocator, Task> fill, bool expectNotice = true)
    {
        var details = page.Locator($"details[data-action={action}]");
        await details.Locator("summary").ClickAsync();
        await fill(details.Locator("form"));
        await details.Locator("button[type=submit]").ClickAsync();

        // Waits for the answer's own element, not for a load state: a load-state wait started after the click can miss a
        // navigation that already committed (seen once in a background tab), while the page before the post has neither element.
        var answer = page.Locator(expectNotice ? "[data-testid=notice]" : "[data-testid=refused]");
        await answer.WaitForAsync();
        if (expectNotice)
        {
            (await answer.TextContentAsync()).Should().Contain("done");
        }
    }

    private static async Task GiveFeedbackAsync(IPage page, string reference, bool satisfied, string? reason)
    {
        await page.GotoAsync($"/track?reference={reference}");
        await page.CheckAsync(satisfied ? "#satisfied" : "#dissatisfied");
        await page.FillAsync("#Feedback_Rating", satisfied ? "4" : "2");
        if (reason is not null)
        {
            await page.FillAsync("#Feedback_Reason", reason);
        }

        await page.ClickAsync("section[aria-labelledby=feedback] button[type=submit]");
        (await page.TextContentAsync("[data-testid=notice]")).Should().Contain("feedback is recorded");
    }

    private static async Task<(string Status, string Level)> StatusAsync(IPage page, string reference)
    {
        await page.GotoAsync($"/track?reference={reference}");
        return ((await page.TextContentAsync("[data-testid=status]"))!, (await page.TextContentAsync("[data-testid=level]"))!);
    }
}
