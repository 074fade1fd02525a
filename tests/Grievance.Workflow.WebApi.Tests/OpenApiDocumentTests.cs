using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Grievance.Workflow.WebApi.Tests;

/// <summary>
/// The OpenAPI document is a contract: it is pinned in <c>openapi.v1.json</c> beside this file, so any change to a path, schema,
/// problem response or the security scheme shows in review. After an intended change, run the tests once with
/// <c>GRIEVANCE_ACCEPT_OPENAPI=1</c> to write the new document, and commit it.
/// </summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SampleApp _app = new();

    [Fact]
    public async Task The_OpenAPI_document_is_the_pinned_one()
    {
        using var client = _app.Factory.CreateClient();
        var served = Normalize(await client.GetStringAsync("/openapi/v1.json"));
        var pinned = Path.Combine(AppContext.BaseDirectory, PinnedName);

        if (Environment.GetEnvironmentVariable("GRIEVANCE_ACCEPT_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(Path.Combine(ProjectDirectory(), PinnedName), served);
            await File.WriteAllTextAsync(pinned, served);
        }

        File.Exists(pinned).Should().BeTrue("the pinned document {0} is copied beside the test assembly by the build", PinnedName);
        var expected = Normalize(await File.ReadAllTextAsync(pinned));
        var servedLines = served.Split('\n');
        var expectedLines = expected.Split('\n');
        var first = Enumerable.Range(0, Math.Min(servedLines.Length, expectedLines.Length)).FirstOrDefault(i => servedLines[i] != expectedLines[i], -1);
        served.Should().Be(
            expected,
            "the served document must equal the pinned {0} (first difference at line {1}: served {2}, pinned {3}); rerun with GRIEVANCE_ACCEPT_OPENAPI=1 after an intended change",
            PinnedName,
            first + 1,
            first >= 0 ? servedLines[first].Trim() : "(length)",
            first >= 0 ? expectedLines[first].Trim() : "(length)");
    }

    [Fact]
    public async Task The_document_declares_the_bearer_scheme_on_every_secured_operation_and_none_on_tracking()
    {
        using var client = _app.Factory.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        document["paths"]!["/grievances/{id}/report"]!["post"]!["security"]!.AsArray().Should().ContainSingle();
        document["paths"]!["/track/{reference}"]!["get"]!["security"].Should().BeNull();
        document["paths"]!.AsObject().Select(p => p.Key).Should().NotContain("/dev/tokens");
        document["components"]!["schemas"]!["RegisterRequest"]!["examples"]!.AsArray().Should().ContainSingle();
    }

    public void Dispose() => _app.Dispose();

    private static string Normalize(string json)
        => JsonSerializer.Serialize(JsonNode.Parse(json), Indented).ReplaceLineEndings("\n") + "\n";

    private const string PinnedName = "openapi.v1.json";

    private static string ProjectDirectory()
        => typeof(OpenApiDocumentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
}
