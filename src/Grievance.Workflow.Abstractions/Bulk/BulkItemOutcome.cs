using System.Text.Json.Serialization;

namespace Grievance.Workflow.Bulk;

/// <summary>What a bulk action did to one grievance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BulkItemOutcome>))]
public enum BulkItemOutcome
{
    /// <summary>Applied now.</summary>
    Applied = 1,

    /// <summary>Applied by an earlier run of the same batch (its command id was found with the same command): nothing new stored.</summary>
    AlreadyApplied = 2,

    /// <summary>Refused with a typed error (not allowed in its state, not authorized, a stale version, a command id taken by a different command…); nothing stored.</summary>
    Refused = 3,
}
