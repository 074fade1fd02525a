using System;
using System.Text.Json.Serialization;

namespace Grievance.Workflow;

/// <summary>What sets a command apart from the earlier, different command that used the same command id.</summary>
/// <remarks>Only the kind of difference is told, never the other command's grievance, actor or text.</remarks>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<CommandIdDifferences>))]
public enum CommandIdDifferences
{
    /// <summary>Not told: a store found the id taken while saving; the engine looks again and reports what differs.</summary>
    Unknown = 0,

    /// <summary>The id was used for another action.</summary>
    Action = 1,

    /// <summary>The id was used on another grievance.</summary>
    Grievance = 2,

    /// <summary>The id was used by another actor.</summary>
    Actor = 4,

    /// <summary>Action, grievance and actor agree, but the command's other fields (its text, department, reason…) differ.</summary>
    Payload = 8,
}
