namespace Grievance.Workflow.Serialization;

/// <summary>Writes a <see cref="GrievanceId"/> as a plain JSON string.</summary>
internal sealed class GrievanceIdJsonConverter : StringValueJsonConverter<GrievanceId>
{
    protected override GrievanceId Create(string text) => GrievanceId.Parse(text);

    protected override string Text(GrievanceId value) => value.ToString();
}
