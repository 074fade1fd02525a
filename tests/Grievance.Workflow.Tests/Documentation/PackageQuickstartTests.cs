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
    [Fact]
    public async Task The_README_quickstart_runs_in_a_new_console_app_with_only_the_packed_package_added()
    {
        using var cli = new DotnetCli();
        await cli.PackAsync("Grievance.Workflow", "Grievance.Workflow.Abstractions");
        using (var package = System.IO.Compression.ZipFile.OpenRead(Directory.GetFiles(cli.Feed, "Grievance.Workflow.0*.nupkg").Single()))
        {
            package.Entries.Select(e => e.FullName).Should().Contain(["icon.png", "README.md", "buildTransitive/Grievance.Workflow.props", "build/Grievance.Workflow.props"]);
            using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            (await nuspec.ReadToEndAsync()).Should().Contain("<icon>icon.png</icon>").And.Contain("<releaseNotes>").And.Contain("<license type=\"expression\">Apache-2.0</license>");
        }

        var app = Path.Combine(cli.Folder, "MyDesk");
        await DotnetCli.RunAsync(cli.Folder, "new", "console", "-o", app);
        await cli.WriteNuGetConfigAsync(app);
        await DotnetCli.RunAsync(app, "add", "package", "Grievance.Workflow", "--prerelease");
        var quickstart = MarkdownCodeBlock.Read("README.md", await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"))).Single(b => b.IsProgram);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), quickstart.Text);

        var output = await DotnetCli.RunAsync(app, "run");

        (await File.ReadAllTextAsync(Path.Combine(app, "MyDesk.csproj"))).Should().Contain("<PackageReference Include=\"Grievance.Workflow\"")
            .And.NotContain("Microsoft.Extensions", "the one package brings the container the quickstart builds");
        output.Trim().Split('\n')[^1].Trim().Should().Be("Closed, Resolved, version 3");
    }
}
