namespace Grievance.Workflow.Serialization;

/// <summary>Writes a <see cref="DepartmentId"/> as a plain JSON string.</summary>
internal sealed class DepartmentIdJsonConverter : StringValueJsonConverter<DepartmentId>
{
    protected override DepartmentId Create(string text) => new DepartmentId(text);

    protected override string Text(DepartmentId value) => value.Value;
}
