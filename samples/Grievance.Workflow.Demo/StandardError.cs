using Spectre.Console;

namespace Grievance.Workflow.Demo;

/// <summary>The console on standard error, for problems: standard output stays clean for dashboards and JSON.</summary>
public static class StandardError
{
    /// <summary>Gets the console.</summary>
    public static IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
}
