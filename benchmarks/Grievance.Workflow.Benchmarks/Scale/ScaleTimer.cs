using System.Diagnostics;

namespace Grievance.Workflow.Benchmarks.Scale;

/// <summary>Wall-clock timing of whole operations on large stores: the median of several runs, after one run to warm up.</summary>
internal static class ScaleTimer
{
    /// <summary>Runs <paramref name="operation"/> <paramref name="runs"/> times after a warm-up run and returns the median, in milliseconds.</summary>
    public static async Task<double> MedianAsync(int runs, Func<int, Task> operation, bool warmUp = true)
    {
        if (warmUp)
        {
            await operation(-1);
        }

        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await operation(i);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return Median(times);
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Times one run, in milliseconds.</summary>
    public static async Task<(double Milliseconds, T Result)> OnceAsync<T>(Func<Task<T>> operation)
    {
        var watch = Stopwatch.StartNew();
        var result = await operation();
        return (watch.Elapsed.TotalMilliseconds, result);
    }
}
