using System.Text.Json.Serialization;

namespace Grievance.Workflow;

/// <summary>The part an actor plays. The authorization policy decides which role may take which action.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActorRole>))]
public enum ActorRole
{
    /// <summary>The person who filed the grievance.</summary>
    Complainant = 1,

    /// <summary>A helpline (call-centre) agent: registers calls and takes feedback.</summary>
    HelplineAgent = 2,

    /// <summary>A department officer at a level (L1, L2, …).</summary>
    Officer = 3,

    /// <summary>An administrator of the grievance desk.</summary>
    Administrator = 4,

    /// <summary>The system itself: automatic routing, due-work sweeps, integrations.</summary>
    System = 5,
}
