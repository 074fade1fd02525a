using Microsoft.Playwright;

namespace Grievance.Workflow.WebApi.Tests;

/// <summary>
/// The desk served by Kestrel on a free loopback port (the sample's own host, its own SQLite file and fake clock) and one headless
/// Chromium — Debian's, at <c>/usr/bin/chromium</c> or <c>GRIEVANCE_CHROMIUM</c>; Playwright never downloads a browser here.
/// Each person in a test gets a browser context of their own (their own cookies). Screenshots go to <c>screenshots/</c> beside
/// the test assembly, the run's artifacts.
/// </summary>
public sealed class DeskBrowser : IAsyncLifetime, IDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    // Every person of every test comes from 127.0.0.1: one client to the per-client rate limits, so they are raised here.
    private readonly SampleApp _app = new(("RateLimits:TrackingPerMinute", "10000"), ("RateLimits:RegistrationsPerMinute", "10000"));
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseAddress { get; private set; } = "";

    public IServiceProvider Services => _app.Factory.Services;

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => _app.Clock;

    /// <summary>Where Chromium is looked for: <c>GRIEVANCE_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumCandidate { get; } = Environment.GetEnvironmentVariable("GRIEVANCE_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>The Chromium the tests drive, or <see langword="null"/> when the machine has none.</summary>
    public static string? ChromiumPath { get; } = File.Exists(ChromiumCandidate) ? ChromiumCandidate : null;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (ChromiumPath is not { } executable)
        {
            return; // the tests report themselves skipped (BrowserFactAttribute)
        }

        BaseAddress = _app.StartKestrel();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Args = ChromiumArgs });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A new person at the desk: a page in a browser context of their own.</summary>
    public async Task<IPage> PersonAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseAddress, JavaScriptEnabled = javaScript, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs the page's person in through the development sign-in page.</summary>
    public static async Task SignInAsync(IPage page, string role, string? complainantId = null, string? officer = null)
    {
        await page.GotoAsync("/signin");
        await page.CheckAsync($"input[name=Role][value={role}]");
        if (complainantId is not null)
        {
            await page.FillAsync("#ComplainantId", complainantId);
        }

        if (officer is not null)
        {
            await page.SelectOptionAsync("#Officer", officer);
        }

        await page.ClickAsync("main button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=signed-in]");
    }

    /// <summary>Saves a full-page screenshot as a test artifact.</summary>
    public static Task ScreenshotAsync(IPage page, string name)
        => page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        _app.Dispose();
    }

    public void Dispose() => _app.Dispose();
}
