using System.Text.Json.Serialization;

namespace Grievance.Workflow;

/// <summary>Which unique key a new grievance collided with.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DuplicateKind>))]
public enum DuplicateKind
{
    /// <summary>The grievance id.</summary>
    GrievanceId = 1,

    /// <summary>The reference number.</summary>
    ReferenceNumber = 2,

    /// <summary>The registration's command id.</summary>
    CommandId = 3,
}
