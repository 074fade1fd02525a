namespace Grievance.Workflow.Serialization;

/// <summary>Writes a <see cref="Channel"/> as a plain JSON string.</summary>
internal sealed class ChannelJsonConverter : StringValueJsonConverter<Channel>
{
    protected override Channel Create(string text) => new Channel(text);

    protected override string Text(Channel value) => value.Code;
}
