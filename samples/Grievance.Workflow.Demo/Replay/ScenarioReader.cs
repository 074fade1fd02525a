using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Grievance.Workflow.Demo.Replay;

/// <summary>
/// Reads a scenario file. JSON with comments and trailing commas allowed; every problem is reported with the line it is on.
/// </summary>
public static class ScenarioReader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads and checks a scenario file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioException">The file is missing, is not JSON, or does not describe a scenario.</exception>
    public static Scenario Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new ScenarioException(name, 1, $"no such file: {Path.GetFullPath(path)}");
        }

        var bytes = File.ReadAllBytes(path);
        var bom = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        return Parse(name, bytes.AsMemory(bom));
    }

    /// <summary>Parses a scenario.</summary>
    /// <param name="name">The file name, for messages.</param>
    /// <param name="utf8">The file's bytes.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioException">The text is not JSON or does not describe a scenario.</exception>
    public static Scenario Parse(string name, ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException(name, (ex.LineNumber ?? 0) + 1, $"not valid JSON: {FirstSentence(ex.Message)}");
        }

        using (document)
        {
            var lines = ElementLines(utf8.Span);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ScenarioException(name, 1, "the file must hold one JSON object with \"start\", \"routing\" and \"commands\".");
            }

            var start = Time(name, 1, root, "start", null) ?? throw new ScenarioException(name, 1, "\"start\" is required: an ISO 8601 time with its offset, such as \"2026-11-02T10:00:00+05:30\".");
            var levels = root.TryGetProperty("levels", out var l) ? (l.TryGetInt32(out var n) && n is >= 1 and <= 10 ? n : throw new ScenarioException(name, 1, $"\"levels\" must be a whole number from 1 to 10; got {l}.")) : 2;
            var routes = new List<ScenarioRoute>();
            foreach (var (element, i) in Array(name, root, "routing"))
            {
                var line = lines.GetValueOrDefault(("routing", i), 1);
                var officers = element.TryGetProperty("officers", out var o) && o.ValueKind == JsonValueKind.Array
                    ? o.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray()
                    : throw new ScenarioException(name, line, $"routing[{i}]: \"officers\" must list the officers, L1 first.");
                routes.Add(new ScenarioRoute(Text(name, line, element, "category", required: true)!, Text(name, line, element, "department", required: true)!, Text(name, line, element, "district", required: false), officers));
            }

            var commands = Array(name, root, "commands").Select(c => new ScenarioCommand(lines.GetValueOrDefault(("commands", c.Index), 1), c.Index, c.Element.Clone())).ToArray();
            if (commands.Length == 0)
            {
                throw new ScenarioException(name, 1, "\"commands\" must list at least one command.");
            }

            int? reopen = root.TryGetProperty("reopenWindowDays", out var r)
                ? (r.TryGetInt32(out var days) && days is >= 1 and <= 365 ? days : throw new ScenarioException(name, 1, $"\"reopenWindowDays\" must be a whole number of days from 1 to 365; got {r}."))
                : null;
            var special = root.TryGetProperty("specialClosure", out var sc)
                && (sc.ValueKind is JsonValueKind.True or JsonValueKind.False ? sc.GetBoolean() : throw new ScenarioException(name, 1, $"\"specialClosure\" must be true or false; got {sc}."));
            int? appeal = root.TryGetProperty("appealWindowDays", out var ap)
                ? (ap.TryGetInt32(out var appealDays) && appealDays is >= 1 and <= 365 ? appealDays : throw new ScenarioException(name, 1, $"\"appealWindowDays\" must be a whole number of days from 1 to 365; got {ap}."))
                : null;
            return new Scenario(name, start, levels, routes, commands, reopen, special, root.TryGetProperty("intake", out var intake) ? Intake(name, intake) : null, appeal,
                root.TryGetProperty("departments", out var departments) ? Departments(name, departments) : null);
        }
    }

    /// <summary>Reads the departments' ladders.</summary>
    private static Dictionary<string, ScenarioLadder> Departments(string file, JsonElement departments)
    {
        if (departments.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException(file, 1, "\"departments\" must be an object: a department's id, then its \"levels\", \"slaDays\" and \"onBreach\".");
        }

        var ladders = new Dictionary<string, ScenarioLadder>(StringComparer.Ordinal);
        foreach (var department in departments.EnumerateObject())
        {
            var ladder = department.Value;
            int? Number(string property, int max)
                => !ladder.TryGetProperty(property, out var value) ? null
                    : value.TryGetInt32(out var n) && n >= 1 && n <= max ? n
                    : throw new ScenarioException(file, 1, $"\"departments\": \"{department.Name}\": \"{property}\" must be a whole number from 1 to {max}; got {value}.");
            var onBreach = ladder.ValueKind == JsonValueKind.Object ? Text(file, 1, ladder, "onBreach", required: false) : throw new ScenarioException(file, 1, $"\"departments\": \"{department.Name}\" must be an object.");
            ladders[department.Name] = new ScenarioLadder(Number("levels", GrievanceLimits.MaxLevels), Number("slaDays", 365), onBreach switch
            {
                null => null,
                "escalate" => true,
                "flag" => false,
                _ => throw new ScenarioException(file, 1, $"\"departments\": \"{department.Name}\": \"onBreach\" must be escalate or flag; got '{onBreach}'."),
            });
        }

        return ladders;
    }

    /// <summary>Reads the intake settings.</summary>
    private static ScenarioIntake Intake(string file, JsonElement intake)
    {
        if (intake.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException(file, 1, "\"intake\" must be an object with \"maxPerDay\", \"maxPerCategoryPerDay\", \"atLimit\" and \"duplicateWindowDays\".");
        }

        int? Number(string property, int min, int max, int? otherwise)
            => !intake.TryGetProperty(property, out var value) ? otherwise
                : value.TryGetInt32(out var n) && n >= min && n <= max ? n
                : throw new ScenarioException(file, 1, $"\"intake\": \"{property}\" must be a whole number from {min} to {max}; got {value}.");
        var atLimit = Text(file, 1, intake, "atLimit", required: false) ?? "refuse";
        return new ScenarioIntake(
            Number("maxPerDay", 1, 1000, null),
            Number("maxPerCategoryPerDay", 1, 1000, null),
            atLimit switch { "refuse" => false, "flag" => true, _ => throw new ScenarioException(file, 1, $"\"intake\": \"atLimit\" must be refuse or flag; got '{atLimit}'.") },
            Number("duplicateWindowDays", 0, 365, 30)!.Value);
    }

    /// <summary>Reads a text property.</summary>
    public static string? Text(string file, long line, JsonElement element, string property, bool required)
    {
        if (element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        return required ? throw new ScenarioException(file, line, $"\"{property}\" is required and must be a non-empty string.") : null;
    }

    /// <summary>Reads a time: ISO 8601 with an offset, or "+2d", "+3h", "+30m" after <paramref name="previous"/>.</summary>
    public static DateTimeOffset? Time(string file, long line, JsonElement element, string property, DateTimeOffset? previous)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return null;
        }

        var text = value.GetString() ?? string.Empty;
        if (previous is { } before && text.Length > 2 && text[0] == '+' && double.TryParse(text[1..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            switch (text[^1])
            {
                case 'd': return before.AddDays(amount);
                case 'h': return before.AddHours(amount);
                case 'm': return before.AddMinutes(amount);
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text.Length > 10
            ? at
            : throw new ScenarioException(file, line, $"\"{property}\": '{text}' is neither an ISO 8601 time with its offset (\"2026-11-02T10:00:00+05:30\") nor a step after the previous command (\"+2d\", \"+3h\", \"+30m\").");
    }

    private static IEnumerable<(JsonElement Element, int Index)> Array(string file, JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var array))
        {
            return [];
        }

        return array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select((e, i) => e.ValueKind == JsonValueKind.Object ? (e, i) : throw new ScenarioException(file, 1, $"{property}[{i}] must be an object."))
            : throw new ScenarioException(file, 1, $"\"{property}\" must be an array.");
    }

    // The line each object of a top-level array starts on, found by a second, forward-only pass over the bytes.
    private static Dictionary<(string Array, int Index), long> ElementLines(ReadOnlySpan<byte> utf8)
    {
        var lines = new Dictionary<(string, int), long>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        string? property = null;
        string? array = null;
        var index = 0;
        long line = 1;
        var scanned = 0;
        while (reader.Read())
        {
            var at = (int)reader.TokenStartIndex;
            line += utf8[scanned..at].Count((byte)'\n');
            scanned = at;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                    property = reader.GetString();
                    break;
                case JsonTokenType.StartArray when reader.CurrentDepth == 1:
                    (array, index) = (property, 0);
                    break;
                case JsonTokenType.EndArray when reader.CurrentDepth == 1:
                    array = null;
                    break;
                case JsonTokenType.StartObject when reader.CurrentDepth == 2 && array is not null:
                    lines[(array, index++)] = line;
                    break;
                case JsonTokenType.StartArray or JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null
                    when reader.CurrentDepth == 2 && array is not null:
                    index++;
                    break;
            }
        }

        return lines;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
