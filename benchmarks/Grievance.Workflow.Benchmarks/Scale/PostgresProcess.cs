using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Grievance.Workflow.Benchmarks.Scale;

/// <summary>
/// The PostgreSQL rows measured in a process of their own, set as a host on the cores of its database should be: the thread pool's
/// idle workers sleep at once instead of spinning first (<see cref="SpinLimit"/>). This process shares two cores with the server it
/// measures, and a worker spinning while a write is at the server takes the server's core: measured on the writers, the client's
/// CPU per command halved (721 to 363 µs with one writer) and four writers made ~30% more commands, a lone writer as fast. The
/// SQLite rows stay in this process, with the runtime's default: there is no server, and a sweep's stages hand pages to each other
/// on the thread pool (its feedback windows 0.98–1.00 s per 10,000 with the default, 1.04–1.16 s without spinning).
/// </summary>
internal static class PostgresProcess
{
    /// <summary>The spin limit the PostgreSQL rows run with: none.</summary>
    public const int SpinLimit = 0;

    /// <summary>The option that makes a scale run write its rows, as JSON, to a file instead of printing a table.</summary>
    public const string RowsFileOption = "rows-file";

    /// <summary>
    /// Runs this scale run's PostgreSQL rows (and, with <c>--millions</c>, its PostgreSQL import) in a child process of this app
    /// with the thread pool's spinning off, its log on this one's error stream, and returns its rows.
    /// </summary>
    /// <param name="args">This run's arguments: passed on but for <c>--only</c> and <c>--write-readme</c>.</param>
    public static async Task<List<ScaleResult>> RunAsync(string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"grievance-scale-rows-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = true };
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("This process's executable is not known: cannot start the PostgreSQL rows' process.");
        start.FileName = host;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(PostgresProcess).Assembly.Location); // run as `dotnet app.dll`: the child too
        }

        start.ArgumentList.Add("scale");
        foreach (var argument in Passed(args))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in (string[])["--only", "postgres", "--" + RowsFileOption, file])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = SpinLimit.ToString("X", CultureInfo.InvariantCulture); // read as hexadecimal
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host} for the PostgreSQL rows.");
            var output = await process.StandardOutput.ReadToEndAsync(); // the rows go to the file; anything else joins the log
            await process.WaitForExitAsync();
            Console.Error.Write(output);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"The PostgreSQL rows' process exited with code {process.ExitCode}. {output}");
            }

            return JsonSerializer.Deserialize<List<ScaleResult>>(await File.ReadAllTextAsync(file))
                ?? throw new InvalidOperationException($"The PostgreSQL rows' process wrote no rows to {file}.");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The thread pool's spin limit this process runs with, as the runtime reads it: the environment variable's (hexadecimal), else
    /// the runtimeconfig's, else the runtime's default, 70.
    /// </summary>
    public static int ThisProcessSpinLimit()
    {
        var variable = Environment.GetEnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit") ?? Environment.GetEnvironmentVariable("COMPlus_ThreadPool_UnfairSemaphoreSpinLimit");
        if (variable is not null && uint.TryParse(variable.StartsWith("0x", StringComparison.Ordinal) ? variable[2..] : variable, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hexadecimal))
        {
            return (int)hexadecimal;
        }

        return AppContext.GetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit") switch
        {
            string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) => value,
            IConvertible value => value.ToInt32(CultureInfo.InvariantCulture),
            _ => 70,
        };
    }

    /// <summary>Writes the rows of a run started by <see cref="RunAsync"/> to its file.</summary>
    public static Task WriteAsync(string file, List<ScaleResult> rows) => File.WriteAllTextAsync(file, JsonSerializer.Serialize(rows));

    /// <summary>The arguments after <c>scale</c> but <c>--only</c> (with its value) and <c>--write-readme</c>: the parent's to act on.</summary>
    private static IEnumerable<string> Passed(string[] args)
    {
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--only")
            {
                i++;
            }
            else if (args[i] != "--write-readme")
            {
                yield return args[i];
            }
        }
    }
}
