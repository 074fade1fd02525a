using FluentAssertions;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Documentation;

/// <summary>
/// Every C# block of the repository's README and of each package's README, extracted from the Markdown and compiled as written;
/// the quickstart run as the whole program of a new console app.
/// </summary>
public sealed class DocumentationCodeTests
{
    /// <summary>Gets the documents with C# blocks: the repository's README and each package's.</summary>
    public static TheoryData<string> Documents()
    {
        var documents = new TheoryData<string> { "README.md" };
        foreach (var package in Directory.GetDirectories(Path.Combine(Repository.Root, "src")).Order(StringComparer.Ordinal))
        {
            var readme = Path.Combine(package, "README.md");
            if (File.Exists(readme) && Blocks(Path.GetRelativePath(Repository.Root, readme)).Count > 0)
            {
                documents.Add(Path.GetRelativePath(Repository.Root, readme).Replace('\\', '/'));
            }
        }

        return documents;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_CSharp_block_of_the_document_compiles_as_written(string document)
    {
        var blocks = Blocks(document);

        var errors = SnippetCompiler.Errors(SnippetCompiler.Library(blocks));

        blocks.Should().NotBeEmpty();
        errors.Should().BeEmpty("every C# block of {0} compiles as written ({1} blocks)", document, blocks.Count);
    }

    [Fact]
    public async Task The_README_quickstart_runs_as_the_whole_program_of_a_console_app_and_closes_the_grievance_as_resolved()
    {
        var quickstart = Blocks("README.md").Should().ContainSingle(b => b.IsProgram, "the README marks its quickstart as the one whole program").Subject;
        quickstart.Text.Split('\n').Count(l => l.StartsWith("using ", StringComparison.Ordinal)).Should().Be(1, "the quickstart needs one using directive");

        var program = SnippetCompiler.Program(quickstart);
        SnippetCompiler.Errors(program).Should().BeEmpty();
        var output = await SnippetCompiler.RunAsync(program);

        output.Trim().Should().Be("Closed, Resolved, version 3");
    }

    [Fact]
    public void The_package_makes_its_own_namespace_an_implicit_using_and_the_quickstart_needs_it()
    {
        SnippetCompiler.PackageUsings.Should().Equal("Grievance.Workflow");
        var quickstart = Blocks("README.md").Single(b => b.IsProgram);

        // Without the package's implicit using the quickstart does not compile: the props file is what makes one using enough.
        SnippetCompiler.Errors(SnippetCompiler.Program(quickstart, packageUsings: false)).Should().Contain(e => e.Contains("'IGrievanceWorkflow'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_block_that_does_not_compile_is_reported_with_its_document_line()
    {
        const string Markdown = """
            Some text.

            ```csharp
            services.AddGrievanceWorkflow().UseInMemoryStore();
            ```

            ```csharp
            var workflow = provider.GetRequiredService<IGrievanceWorkflow>();
            await workflow.NoSuchMethodAsync();
            ```
            """;
        var blocks = MarkdownCodeBlock.Read("EXAMPLE.md", Markdown);

        var errors = SnippetCompiler.Errors(SnippetCompiler.Library(blocks));

        blocks.Select(b => b.Where).Should().Equal("EXAMPLE.md:3", "EXAMPLE.md:7");
        errors.Should().ContainSingle().Which.Should().StartWith("EXAMPLE.md:7: CS1061").And.Contain("NoSuchMethodAsync");
    }

    [Fact]
    public void Blocks_are_read_with_every_CSharp_fence_and_the_marker_on_the_line_before()
    {
        const string Markdown = """
            <!-- snippet: program -->
            ```csharp
            Console.WriteLine(1);
            ```
            ```cs
            var a = 1;
            ```
            ```json
            {}
            ```
            ```C#
            var b = 2;
            ```
            """;

        var blocks = MarkdownCodeBlock.Read("X.md", Markdown);

        blocks.Select(b => (b.Line, b.Text, b.IsProgram)).Should().Equal((2, "Console.WriteLine(1);", true), (5, "var a = 1;", false), (11, "var b = 2;", false));
    }

    private static IReadOnlyList<MarkdownCodeBlock> Blocks(string document)
        => MarkdownCodeBlock.Read(document, File.ReadAllText(Path.Combine(Repository.Root, document)));
}
