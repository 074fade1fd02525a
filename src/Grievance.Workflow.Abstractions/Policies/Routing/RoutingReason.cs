using System.Text.Json.Serialization;

namespace Grievance.Workflow.Routing;

/// <summary>Why the routing policy is asked.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoutingReason>))]
public enum RoutingReason
{
    /// <summary>A new grievance: choose the department and its L1 officer.</summary>
    Registration = 1,

    /// <summary>An administrator routes it out of triage to a named department: choose the L1 officer.</summary>
    ManualRoute = 2,

    /// <summary>It is transferred to a named department: choose that department's L1 officer.</summary>
    Transfer = 3,

    /// <summary>It moves up to a higher level of its department: choose the officer at that level.</summary>
    Escalation = 4,

    /// <summary>An appeal: the appellate officer of the grievance's department, or the officer of the level an allowed appeal names.</summary>
    Appeal = 5,
}
