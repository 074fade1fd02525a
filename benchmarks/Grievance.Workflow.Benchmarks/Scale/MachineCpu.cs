using System.Globalization;

namespace Grievance.Workflow.Benchmarks.Scale;

/// <summary>
/// Where a stretch of time went on this machine, read from <c>/proc</c> (Linux; zeros elsewhere): the CPU time of this process and
/// of the local <c>postgres</c> processes, the time the machine's cores stood idle or waited on I/O, and what this process
/// allocated. With the server on the same two cores, it tells a sweep held up by CPU from one held up by its disk or by its own
/// pipeline. Processes that ended between two readings are missed.
/// </summary>
internal readonly record struct MachineCpu(TimeSpan Process, TimeSpan Server, TimeSpan Idle, TimeSpan IoWait, long Allocated)
{
    private const double MillisecondsPerTick = 10.0; // USER_HZ is 100 on Linux

    /// <summary>The readings now.</summary>
    public static MachineCpu Now()
    {
        var (idle, ioWait) = OperatingSystem.IsLinux() ? IdleAndIoWait() : (0L, 0L);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new(
            process.TotalProcessorTime,
            OperatingSystem.IsLinux() ? LocalServerCpu() : TimeSpan.Zero,
            FromTicks(idle),
            FromTicks(ioWait),
            GC.GetTotalAllocatedBytes());
    }

    /// <summary>What went between two readings.</summary>
    public static MachineCpu operator -(MachineCpu later, MachineCpu earlier)
        => new(later.Process - earlier.Process, later.Server - earlier.Server, later.Idle - earlier.Idle, later.IoWait - earlier.IoWait, later.Allocated - earlier.Allocated);

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"CPU: this process {Process.TotalMilliseconds:N0} ms, local postgres processes {Server.TotalMilliseconds:N0} ms; cores idle {Idle.TotalMilliseconds:N0} ms, waiting on I/O {IoWait.TotalMilliseconds:N0} ms; allocated {Allocated / 1e6:N0} MB");

    private static TimeSpan FromTicks(long ticks) => TimeSpan.FromMilliseconds(ticks * MillisecondsPerTick);

    /// <summary>The machine's idle and I/O-wait ticks summed over its cores: the fourth and fifth numbers of /proc/stat's first line.</summary>
    private static (long Idle, long IoWait) IdleAndIoWait()
    {
        using var reader = new StreamReader("/proc/stat");
        var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries); // "cpu user nice system idle iowait …"
        return (long.Parse(fields[4], CultureInfo.InvariantCulture), long.Parse(fields[5], CultureInfo.InvariantCulture));
    }

    /// <summary>The CPU time used so far by this machine's processes named <c>postgres</c>.</summary>
    private static TimeSpan LocalServerCpu()
    {
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (close < 0 || !stat.AsSpan(0, close).EndsWith("(postgres", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = stat[(close + 2)..].Split(' '); // fields from the state (the third) on: utime is the 14th, stime the 15th
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while read.
            }
        }

        return FromTicks(ticks);
    }
}
