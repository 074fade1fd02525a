using System.Text.Json.Serialization;

namespace Grievance.Workflow.Queries;

/// <summary>How a query orders the grievances it returns. Every order breaks ties by grievance id.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GrievanceOrder>))]
public enum GrievanceOrder
{
    /// <summary>Oldest registration first. Registration time never changes, so pages are stable under any concurrent write.</summary>
    RegistrationTime = 0,

    /// <summary>
    /// Earliest officer deadline (<see cref="GrievanceSnapshot.DueAt"/>) first: overdue grievances come first, the most overdue at the
    /// top. Grievances with no officer clock running are left out.
    /// </summary>
    DueTime = 1,

    /// <summary>
    /// Earliest disposal report (<see cref="GrievanceSnapshot.DisposedAt"/>) first: the call centre's outbound feedback list, the
    /// longest-waiting complainant first. Grievances never disposed are left out.
    /// </summary>
    DisposalTime = 2,
}
