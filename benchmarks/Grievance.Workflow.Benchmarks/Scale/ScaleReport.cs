using System.Globalization;
using System.Text;

namespace Grievance.Workflow.Benchmarks.Scale;

/// <summary>The scale run's results as a Markdown table headed by the command that produced it, and its place in benchmarks/README.md.</summary>
internal static class ScaleReport
{
    private const string StartMarker = "<!-- scale:start -->";
    private const string EndMarker = "<!-- scale:end -->";

    /// <summary>The table of the rows, headed by the command line, the date and how the thread pool ran.</summary>
    /// <param name="postgresApart">Whether the PostgreSQL rows ran in a process of their own (<see cref="PostgresProcess"/>).</param>
    public static string Table(List<ScaleResult> rows, string arguments, bool postgresApart)
    {
        var spinning = postgresApart
            ? $"thread-pool spin limit {PostgresProcess.ThisProcessSpinLimit()}, the PostgreSQL rows' process {PostgresProcess.SpinLimit}"
            : $"thread-pool spin limit {PostgresProcess.ThisProcessSpinLimit()}";
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project benchmarks/Grievance.Workflow.Benchmarks -- {arguments}` ({TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {Environment.ProcessorCount} cores, {spinning}):")
            .AppendLine()
            .AppendLine("| work | measured | target |")
            .AppendLine("|---|---:|---|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Work} | {row.Figure} | {row.Target} |");
        }

        return text.ToString();
    }

    /// <summary>Puts the table between the README's markers; returns the README's path.</summary>
    public static string WriteReadme(string table)
    {
        var path = Path.Combine(FindRepository(), "benchmarks", "README.md");
        var readme = File.ReadAllText(path);
        var start = readme.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = readme.IndexOf(EndMarker, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException($"benchmarks/README.md has no {StartMarker} … {EndMarker} section to write the table into.");
        }

        File.WriteAllText(path, string.Concat(readme.AsSpan(0, start + StartMarker.Length), "\n" + table, readme.AsSpan(end)));
        return path;
    }

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Grievance.Workflow.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run the scale benchmark from within the repository.");
    }
}
