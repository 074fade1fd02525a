namespace Grievance.Workflow.Tests.Documentation;

/// <summary>
/// A fenced C# block of a Markdown document, as written: its text, the line of its opening fence, and the marker of an HTML
/// comment on the line before the fence (<c>&lt;!-- snippet: program --&gt;</c> marks the one block that is a whole program).
/// </summary>
internal sealed record MarkdownCodeBlock(string Document, int Line, string Text, string? Marker)
{
    private static readonly string[] CSharpFences = ["csharp", "cs", "c#"];

    /// <summary>Gets where the block is, for messages: <c>README.md:149</c>.</summary>
    public string Where => $"{Document}:{Line}";

    /// <summary>Gets whether the block is marked as a whole program (top-level statements, run by the tests).</summary>
    public bool IsProgram => Marker == "program";

    /// <summary>The C# blocks of a Markdown text, in order.</summary>
    public static IReadOnlyList<MarkdownCodeBlock> Read(string document, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<MarkdownCodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].Trim();
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var info = fence[3..].Trim();
            var end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            if (CSharpFences.Contains(info, StringComparer.OrdinalIgnoreCase))
            {
                blocks.Add(new MarkdownCodeBlock(document, i + 1, string.Join('\n', lines[(i + 1)..end]), MarkerBefore(lines, i)));
            }

            i = end;
        }

        return blocks;
    }

    private static string? MarkerBefore(string[] lines, int fence)
    {
        var before = fence > 0 ? lines[fence - 1].Trim() : string.Empty;
        const string Start = "<!-- snippet:";
        return before.StartsWith(Start, StringComparison.Ordinal) && before.EndsWith("-->", StringComparison.Ordinal)
            ? before[Start.Length..^3].Trim()
            : null;
    }
}
