namespace Grievance.Workflow.Serialization;

/// <summary>Writes a <see cref="ReferenceNumber"/> as a plain JSON string.</summary>
internal sealed class ReferenceNumberJsonConverter : StringValueJsonConverter<ReferenceNumber>
{
    protected override ReferenceNumber Create(string text) => new ReferenceNumber(text);

    protected override string Text(ReferenceNumber value) => value.Value;
}
