using System.Diagnostics;
using FluentAssertions;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Documentation;

/// <summary>
/// A newcomer's first minutes, as they are: the packages packed, a new console app made by <c>dotnet new console</c>, the one
/// package added by <c>dotnet add package</c>, the README's quickstart pasted as its <c>Program.cs</c>, and <c>dotnet run</c>.
/// Offline: the packages come from the packed folder and the machine's package cache, into a package folder of the test's own
/// (so a rerun never picks up an older build of the same version).
/// </summary>
public sealed class PackageQuickstartTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_README_quickstart_runs_in_a_new_console_app_with_only_the_packed_package_added()
    {
        var work = Directory.CreateTempSubdirectory("grievance-quickstart-");
        try
        {
            var feed = Path.Combine(work.FullName, "feed");
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<configuration>/net10.0
            foreach (var package in new[] { "Grievance.Workflow.Abstractions", "Grievance.Workflow" })
            {
                // The solution's build made every target framework; packing it again without building keeps this step seconds long.
                await DotnetAsync(Repository.Root, "pack", Path.Combine("src", package, package + ".csproj"), "--no-build", "-c", configuration, "-o", feed);
            }

            using (var package = System.IO.Compression.ZipFile.OpenRead(Directory.GetFiles(feed, "Grievance.Workflow.0*.nupkg").Single()))
            {
                package.Entries.Select(e => e.FullName).Should().Contain(["icon.png", "README.md", "buildTransitive/Grievance.Workflow.props", "build/Grievance.Workflow.props"]);
                using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
                (await nuspec.ReadToEndAsync()).Should().Contain("<icon>icon.png</icon>").And.Contain("<releaseNotes>").And.Contain("<license type=\"expression\">Apache-2.0</license>");
            }

            var app = Path.Combine(work.FullName, "MyDesk");
            await DotnetAsync(work.FullName, "new", "console", "-o", app);
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config><add key="globalPackagesFolder" value="{Path.Combine(work.FullName, "packages")}" /></config>
                  <packageSources><clear /><add key="packed" value="{feed}" /><add key="cache" value="{cache}" /></packageSources>
                </configuration>
                """);
            await DotnetAsync(app, "add", "package", "Grievance.Workflow", "--prerelease");
            var quickstart = MarkdownCodeBlock.Read("README.md", await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"))).Single(b => b.IsProgram);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), quickstart.Text);

            var output = await DotnetAsync(app, "run");

            (await File.ReadAllTextAsync(Path.Combine(app, "MyDesk.csproj"))).Should().Contain("<PackageReference Include=\"Grievance.Workflow\"")
                .And.NotContain("Microsoft.Extensions", "the one package brings the container the quickstart builds");
            output.Trim().Split('\n')[^1].Trim().Should().Be("Closed, Resolved, version 3");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> DotnetAsync(string directory, params string[] arguments)
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
        process.ExitCode.Should().Be(0, "`dotnet {0}` in {1} succeeds:\n{2}\n{3}", string.Join(' ', arguments), directory, await output, await error);
        return await output;
    }
}
