using FluentAssertions;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Kit;

/// <summary>
/// A conformance kit referenced from a project of the other xUnit generation would be discovered by nothing and "pass" having run
/// nothing; instead the project's build fails, naming the kit to use. Checked on the packed packages, as a store author gets them.
/// </summary>
public sealed class KitFrameworkTests
{
    private const string Suite = """
        using Grievance.Workflow.Storage;
        using Grievance.Workflow.Testing;

        public sealed class MyStoreConformance : GrievanceStoreConformanceTests
        {
            protected override ValueTask<IGrievanceStore> CreateStoreAsync() => new(new InMemoryGrievanceStore());
        }
        """;

    [Theory]
    [InlineData("xunit.v3", "3.2.2", "Grievance.Workflow.Testing", "GWT0001", "Reference Grievance.Workflow.Testing.XunitV3 instead")]
    [InlineData("xunit", "2.9.3", "Grievance.Workflow.Testing.XunitV3", "GWT0002", "Reference Grievance.Workflow.Testing instead")]
    public async Task A_kit_in_a_project_of_the_other_xunit_generation_fails_the_build_naming_the_kit_to_use(string framework, string frameworkVersion, string kit, string code, string advice)
    {
        var (exitCode, output, error) = await BuildAsync(framework, frameworkVersion, kit);

        exitCode.Should().NotBe(0);
        (output + error).Should().Contain($"error {code}").And.Contain(advice).And.Contain("would pass having run nothing");
    }

    [Theory]
    [InlineData("xunit.v3", "3.2.2", "Grievance.Workflow.Testing.XunitV3")]
    [InlineData("xunit", "2.9.3", "Grievance.Workflow.Testing")]
    public async Task The_kit_of_the_projects_own_xunit_generation_builds(string framework, string frameworkVersion, string kit)
    {
        var (exitCode, output, error) = await BuildAsync(framework, frameworkVersion, kit);

        exitCode.Should().Be(0, "{0}\n{1}", output, error);
        (output + error).Should().NotContain("GWT000");
    }

    private static async Task<(int ExitCode, string Output, string Error)> BuildAsync(string framework, string frameworkVersion, string kit)
    {
        using var cli = new DotnetCli();
        await cli.PackAsync(kit, "Grievance.Workflow", "Grievance.Workflow.Abstractions");
        var project = Directory.CreateDirectory(Path.Combine(cli.Folder, "MyStore.Tests")).FullName;
        await cli.WriteNuGetConfigAsync(project);
        await File.WriteAllTextAsync(Path.Combine(project, "MyStore.Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>{(framework == "xunit.v3" ? "Exe" : "Library")}</OutputType>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{framework}" Version="{frameworkVersion}" />
                <PackageReference Include="{kit}" Version="{cli.Version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "MyStoreConformance.cs"), Suite);
        return await DotnetCli.TryRunAsync(project, "build");
    }
}
