using System.Diagnostics;
using FluentAssertions;

namespace Grievance.Workflow.Tests.Support;

/// <summary>
/// The <c>dotnet</c> command line in a scratch folder, as a package's user runs it: packs of this repository's packages into a
/// local folder, and projects that restore from it and the machine's package cache only (offline), into a package folder of the
/// scratch folder's own (so a rerun never picks up an older build of the same version).
/// </summary>
internal sealed class DotnetCli : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("grievance-cli-");

    /// <summary>Gets the scratch folder.</summary>
    public string Folder => _work.FullName;

    /// <summary>Gets the folder the packages are packed into.</summary>
    public string Feed => Path.Combine(Folder, "feed");

    /// <summary>Gets the version the repository's packages have (read from the first one packed).</summary>
    public string? Version { get; private set; }

    /// <summary>Packs projects under <c>src/</c> from the solution's build (no build of their own: the step takes seconds).</summary>
    public async Task PackAsync(params string[] packages)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<configuration>/net10.0
        foreach (var package in packages)
        {
            await RunAsync(Repository.Root, "pack", Path.Combine("src", package, package + ".csproj"), "--no-build", "-c", configuration, "-o", Feed);
        }

        var first = Path.GetFileNameWithoutExtension(Directory.GetFiles(Feed, packages[0] + ".0*.nupkg").Single());
        Version = first[(packages[0].Length + 1)..];
    }

    /// <summary>Writes a <c>nuget.config</c> into <paramref name="project"/>: the packed folder and the machine's cache as the only sources.</summary>
    public Task WriteNuGetConfigAsync(string project)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return File.WriteAllTextAsync(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(Folder, "packages")}" /></config>
              <packageSources><clear /><add key="packed" value="{Feed}" /><add key="cache" value="{cache}" /></packageSources>
            </configuration>
            """);
    }

    /// <summary>Runs <c>dotnet</c> and requires it to succeed; returns its standard output.</summary>
    public static async Task<string> RunAsync(string directory, params string[] arguments)
    {
        var (exitCode, output, error) = await TryRunAsync(directory, arguments);
        exitCode.Should().Be(0, "`dotnet {0}` in {1} succeeds:\n{2}\n{3}", string.Join(' ', arguments), directory, output, error);
        return output;
    }

    /// <summary>Runs <c>dotnet</c> and returns its exit code and output, whatever they are.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> TryRunAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(StepTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    public void Dispose() => _work.Delete(recursive: true);
}
