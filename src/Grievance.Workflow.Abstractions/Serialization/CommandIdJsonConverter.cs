namespace Grievance.Workflow.Serialization;

/// <summary>Writes a <see cref="CommandId"/> as a plain JSON string.</summary>
internal sealed class CommandIdJsonConverter : StringValueJsonConverter<CommandId>
{
    protected override CommandId Create(string text) => new CommandId(text);

    protected override string Text(CommandId value) => value.Value;
}
