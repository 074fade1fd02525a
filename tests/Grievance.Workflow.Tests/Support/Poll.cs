using FluentAssertions;

namespace Grievance.Workflow.Tests.Support;

/// <summary>Waits for a condition that another task makes true.</summary>
public static class Poll
{
    /// <summary>Polls <paramref name="condition"/> every 10 ms until it holds, for up to half a minute, and asserts that it does.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3_000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue();
    }
}
