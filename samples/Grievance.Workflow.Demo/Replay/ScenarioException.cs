namespace Grievance.Workflow.Demo.Replay;

/// <summary>A scenario file that cannot be replayed, with the line and the problem.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="file">The file.</param>
    /// <param name="line">The line, 1 for the first.</param>
    /// <param name="problem">What is wrong.</param>
    public ScenarioException(string file, long line, string problem)
        : base($"{file}, line {line}: {problem}")
    {
        (File, Line, Problem) = (file, line, problem);
    }

    /// <summary>Gets the file.</summary>
    public string File { get; }

    /// <summary>Gets the line, 1 for the first.</summary>
    public long Line { get; }

    /// <summary>Gets what is wrong.</summary>
    public string Problem { get; }
}
