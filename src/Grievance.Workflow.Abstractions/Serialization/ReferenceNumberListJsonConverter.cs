using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grievance.Workflow.Serialization;

/// <summary>Writes <see cref="ReferenceNumberList"/> as a JSON array of strings.</summary>
internal sealed class ReferenceNumberListJsonConverter : JsonConverter<ReferenceNumberList>
{
    public override ReferenceNumberList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Reference numbers are a JSON array of strings; found {reader.TokenType}.");
        }

        var references = new List<ReferenceNumber>();
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                references.Add(new ReferenceNumber(reader.GetString()!));
            }

            return new ReferenceNumberList(references);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException($"Not a list of reference numbers: {ex.Message}", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, ReferenceNumberList value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var reference in value)
        {
            writer.WriteStringValue(reference.Value);
        }

        writer.WriteEndArray();
    }
}
