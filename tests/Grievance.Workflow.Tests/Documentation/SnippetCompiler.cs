using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Xml.Linq;
using FluentAssertions;
using Grievance.Workflow.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Grievance.Workflow.Tests.Documentation;

/// <summary>
/// Compiles documentation blocks as written. A block is read as a C# file: its using directives stay using directives, its type
/// declarations stay types, and its statements become the body of a method whose parameters are the names a reader has in scope
/// where the documentation shows such a block (<c>services</c>, <c>provider</c>, a host <c>builder</c>…) — only those the block
/// does not declare itself. Every file gets the implicit usings of a new console project plus the package's own (read from its
/// props file); blocks of statements also the quickstart's one using, and blocks on a host <c>builder</c> those of a host project.
/// Types the documentation names as the reader's own (<c>MyStore</c>, <c>ISmsGateway</c>…) are declared beside them.
/// </summary>
internal static class SnippetCompiler
{
    private static readonly string[] ConsoleUsings = ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];
    private static readonly string[] HostUsings = ["Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"];

    private static readonly (string Type, string Name)[] InScope =
    [
        ("global::Microsoft.Extensions.DependencyInjection.IServiceCollection", "services"),
        ("global::System.IServiceProvider", "provider"),
        ("global::Microsoft.Extensions.Hosting.HostApplicationBuilder", "builder"),
        ("global::Grievance.Workflow.IGrievanceWorkflow", "workflow"),
        ("global::System.TimeProvider", "timeProvider"),
        ("global::System.Threading.CancellationToken", "ct"),
        ("global::Grievance.Workflow.Actor", "agent"),
        ("global::Grievance.Workflow.Actor", "officerL1"),
    ];

    private static readonly CSharpParseOptions Parsing = new(LanguageVersion.Latest);
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    /// <summary>Gets the namespaces the package adds to a project's implicit usings, read from the props file it ships.</summary>
    public static IReadOnlyList<string> PackageUsings { get; } = XDocument.Load(Path.Combine(Repository.Root, "src", "Grievance.Workflow", "buildTransitive", "Grievance.Workflow.props"))
        .Descendants("Using").Select(u => (string)u.Attribute("Include")!).ToList();

    /// <summary>Compiles the blocks of one document that are not whole programs into one library, with the reader's own types.</summary>
    public static CSharpCompilation Library(IReadOnlyList<MarkdownCodeBlock> blocks)
    {
        var trees = blocks.Where(b => !b.IsProgram).Select(Tree).ToList();
        var declared = trees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>()).Select(t => t.Identifier.Text).ToHashSet(StringComparer.Ordinal);
        trees.Add(CSharpSyntaxTree.ParseText(ReaderOwned.Source(declared), Parsing, "reader-owned.cs"));
        return CSharpCompilation.Create("Documentation", trees, References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Compiles a block marked as a program as the whole <c>Program.cs</c> of a new console app (with the package's implicit usings, or without them).</summary>
    public static CSharpCompilation Program(MarkdownCodeBlock block, bool packageUsings = true)
    {
        var text = new StringBuilder(Usings(ConsoleUsings.Concat(packageUsings ? PackageUsings : []), global: true)).AppendLine(block.Text).ToString();
        return CSharpCompilation.Create("Quickstart", [CSharpSyntaxTree.ParseText(text, Parsing, block.Where)], References.Value, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>The errors of a compilation, each with the document line of its block and the generated line it is on.</summary>
    public static IReadOnlyList<string> Errors(CSharpCompilation compilation)
        => compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d =>
        {
            var span = d.Location.GetLineSpan();
            var line = d.Location.SourceTree?.GetText().Lines[span.StartLinePosition.Line].ToString().Trim();
            return $"{span.Path}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} — in `{line}`";
        }).ToList();

    /// <summary>Emits a program, runs its entry point and returns what it wrote to the console.</summary>
    public static async Task<string> RunAsync(CSharpCompilation program)
    {
        using var image = new MemoryStream();
        var emitted = program.Emit(image);
        emitted.Success.Should().BeTrue(string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;
        var assembly = new AssemblyLoadContext("quickstart", isCollectible: true).LoadFromStream(image);
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            var result = assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);
            if (result is Task task)
            {
                await task;
            }
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
        finally
        {
            Console.SetOut(console);
        }

        return output.ToString();
    }

    private static SyntaxTree Tree(MarkdownCodeBlock block)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(block.Text, Parsing).GetRoot();
        var statements = root.Members.OfType<GlobalStatementSyntax>().ToList();
        var usings = ConsoleUsings.Concat(PackageUsings);
        if (statements.Count > 0)
        {
            usings = usings.Append("Microsoft.Extensions.DependencyInjection");
        }

        if (block.Text.Contains("builder.", StringComparison.Ordinal))
        {
            usings = usings.Concat(HostUsings);
        }

        var text = new StringBuilder(Usings(usings.Distinct(), global: false));
        foreach (var directive in root.Usings)
        {
            text.AppendLine(directive.ToFullString().Trim());
        }

        if (statements.Count > 0)
        {
            var declared = statements.SelectMany(s => s.DescendantNodes()).Select(n => n switch
            {
                VariableDeclaratorSyntax v => v.Identifier.Text,
                SingleVariableDesignationSyntax d => d.Identifier.Text,
                ForEachStatementSyntax f => f.Identifier.Text,
                _ => null,
            }).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var parameters = string.Join(", ", InScope.Where(p => !declared.Contains(p.Name)).Select(p => $"{p.Type} {p.Name}"));
            text.AppendLine("#pragma warning disable CS1998")
                .AppendLine("internal static partial class DocumentationBlocks")
                .AppendLine("{")
                .Append("    public static async global::System.Threading.Tasks.Task Line").Append(block.Line).Append('(').Append(parameters).AppendLine(")")
                .AppendLine("    {");
            foreach (var statement in statements)
            {
                text.AppendLine(statement.ToFullString());
            }

            text.AppendLine("    }").AppendLine("}");
        }

        foreach (var member in root.Members.Where(m => m is not GlobalStatementSyntax))
        {
            text.AppendLine(member.ToFullString());
        }

        return CSharpSyntaxTree.ParseText(text.ToString(), Parsing, block.Where);
    }

    private static string Usings(IEnumerable<string> namespaces, bool global)
        => string.Concat(namespaces.Select(n => $"{(global ? "global " : string.Empty)}using {n};{Environment.NewLine}"));
}
