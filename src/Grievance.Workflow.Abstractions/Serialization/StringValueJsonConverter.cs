using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grievance.Workflow.Serialization;

/// <summary>Writes a single-value type (an id, a reference number, a channel) as a plain JSON string, and as a property name in dictionaries.</summary>
/// <typeparam name="T">The type.</typeparam>
internal abstract class StringValueJsonConverter<T> : JsonConverter<T>
    where T : struct
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String
            ? Parse(reader.GetString()!)
            : throw new JsonException($"A {typeof(T).Name} is a JSON string; found {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Text(value));

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(Text(value));

    /// <summary>Makes the value from its text.</summary>
    protected abstract T Create(string text);

    /// <summary>Gets the value's text.</summary>
    protected abstract string Text(T value);

    private T Parse(string text)
    {
        try
        {
            return Create(text);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new JsonException($"'{text}' is not a valid {typeof(T).Name}: {ex.Message}", ex);
        }
    }
}
