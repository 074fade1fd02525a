namespace Grievance.Workflow.WebApi.Tests;

/// <summary>
/// A test that drives the desk in headless Chromium: reported skipped, with the reason, on a machine without Chromium (CI installs
/// Debian's and fails a run with skipped tests, so there they always run).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (DeskBrowser.ChromiumPath is null)
        {
            Skip = $"No Chromium at {DeskBrowser.ChromiumCandidate}: install Debian's (bash .ci/chromium-up, as .ci/run does) or set GRIEVANCE_CHROMIUM.";
        }
    }
}
