namespace Grievance.Workflow.Serialization;

/// <summary>Writes a <see cref="OfficerId"/> as a plain JSON string.</summary>
internal sealed class OfficerIdJsonConverter : StringValueJsonConverter<OfficerId>
{
    protected override OfficerId Create(string text) => new OfficerId(text);

    protected override string Text(OfficerId value) => value.Value;
}
