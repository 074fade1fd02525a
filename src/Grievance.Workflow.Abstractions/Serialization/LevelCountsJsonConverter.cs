using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grievance.Workflow.Serialization;

/// <summary>Writes <see cref="LevelCounts"/> as a JSON array of counts, L1 first.</summary>
internal sealed class LevelCountsJsonConverter : JsonConverter<LevelCounts>
{
    public override LevelCounts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Counts per level are a JSON array of numbers; found {reader.TokenType}.");
        }

        var counts = new List<int>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            counts.Add(reader.GetInt32());
        }

        try
        {
            return new LevelCounts(counts);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException($"[{string.Join(", ", counts)}] are not counts per level: {ex.Message}", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, LevelCounts value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var count in value)
        {
            writer.WriteNumberValue(count);
        }

        writer.WriteEndArray();
    }
}
