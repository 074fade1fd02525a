using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grievance.Workflow.Serialization;

/// <summary>Writes an <see cref="Actor"/> as <c>{"id":…,"role":"Officer","department":…,"level":…}</c> and reads it back through its factory methods.</summary>
internal sealed class ActorJsonConverter : JsonConverter<Actor>
{
    public override Actor Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"An actor is a JSON object; found {reader.TokenType}.");
        }

        string? id = null, role = null, department = null;
        int? level = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name?.ToUpperInvariant())
            {
                case "ID": id = reader.GetString(); break;
                case "ROLE": role = reader.GetString(); break;
                case "DEPARTMENT": department = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                case "LEVEL": level = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32(); break;
                default: reader.Skip(); break;
            }
        }

        try
        {
            return Enum.TryParse<ActorRole>(role, ignoreCase: true, out var parsed) ? Create(parsed, id!, department, level) : throw new ArgumentException($"unknown role '{role}'");
        }
        catch (ArgumentException ex)
        {
            throw new JsonException($"Not a valid actor (role '{role}'): {ex.Message}", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, Actor value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(Name(options, "Id"), value.Id);
        writer.WriteString(Name(options, "Role"), value.Role.ToString());
        if (value.Department is { } department)
        {
            writer.WriteString(Name(options, "Department"), department.Value);
        }

        if (value.Level is { } level)
        {
            writer.WriteNumber(Name(options, "Level"), level);
        }

        writer.WriteEndObject();
    }

    private static Actor Create(ActorRole role, string id, string? department, int? level) => role switch
    {
        ActorRole.System => Actor.System,
        ActorRole.Complainant => Actor.Complainant(id),
        ActorRole.HelplineAgent => Actor.HelplineAgent(id),
        ActorRole.Administrator => Actor.Administrator(id),
        ActorRole.Officer => Actor.Officer(new OfficerId(id), new DepartmentId(department!), level ?? 0),
        _ => throw new ArgumentException($"unknown role {role}"),
    };

    private static string Name(JsonSerializerOptions options, string name) => options.PropertyNamingPolicy?.ConvertName(name) ?? name;
}
