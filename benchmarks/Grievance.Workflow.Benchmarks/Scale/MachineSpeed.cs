using System.Diagnostics;

namespace Grievance.Workflow.Benchmarks.Scale;

/// <summary>
/// How fast this machine runs a fixed piece of CPU work right now: sorting the same 1,000,000 pseudo-random numbers on one core,
/// the median of seven sorts. This virtual machine's speed moves by up to 2× within an hour (its neighbours, not the code), and a
/// run's rows move with it; the probe, taken at the run's start and end, says which kind of hour a table came from.
/// </summary>
internal static class MachineSpeed
{
    private const int Numbers = 1_000_000;
    private const int Sorts = 7;

    /// <summary>The median time of one sort, in milliseconds.</summary>
    public static double SortMilliseconds()
    {
        var random = new Random(20261201);
        var numbers = new long[Numbers];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = random.NextInt64();
        }

        var copy = new long[Numbers];
        var times = new double[Sorts];
        for (var sort = 0; sort < Sorts; sort++)
        {
            numbers.CopyTo(copy, 0);
            var watch = Stopwatch.StartNew();
            Array.Sort(copy);
            times[sort] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[Sorts / 2];
    }
}
