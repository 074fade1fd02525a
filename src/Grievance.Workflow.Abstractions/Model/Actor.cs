using System;
using System.Text.Json.Serialization;
using Grievance.Workflow.Internal;
using Grievance.Workflow.Serialization;

namespace Grievance.Workflow;

/// <summary>Who takes an action: an id and a role; an officer also has a department and a level. Recorded in every history entry.</summary>
/// <remarks>
/// For a complainant the id is the pseudonymous <see cref="Complainant.Id"/>, never a name or phone number.
/// Immutable and thread-safe.
/// </remarks>
[JsonConverter(typeof(ActorJsonConverter))]
public sealed record Actor
{
    private Actor(string id, ActorRole role, DepartmentId? department, int? level)
    {
        Id = Guard.Identifier(id, nameof(id));
        Role = role;
        Department = department;
        Level = level;
    }

    /// <summary>Gets the actor's id: a staff code, the complainant's pseudonymous id, or <c>system</c>.</summary>
    public string Id { get; }

    /// <summary>Gets the role.</summary>
    public ActorRole Role { get; }

    /// <summary>Gets an officer's department, or <see langword="null"/> for other roles.</summary>
    public DepartmentId? Department { get; }

    /// <summary>Gets an officer's level (1 for L1), or <see langword="null"/> for other roles.</summary>
    public int? Level { get; }

    /// <summary>Gets the system actor, used for automatic routing and due-work sweeps.</summary>
    public static Actor System { get; } = new("system", ActorRole.System, null, null);

    /// <summary>Creates the complainant actor.</summary>
    /// <param name="complainantId">The pseudonymous complainant id.</param>
    /// <returns>The actor.</returns>
    public static Actor Complainant(string complainantId) => new(complainantId, ActorRole.Complainant, null, null);

    /// <summary>Creates a helpline agent.</summary>
    /// <param name="agentId">The agent's staff code.</param>
    /// <returns>The actor.</returns>
    public static Actor HelplineAgent(string agentId) => new(agentId, ActorRole.HelplineAgent, null, null);

    /// <summary>Creates an administrator.</summary>
    /// <param name="administratorId">The administrator's staff code.</param>
    /// <returns>The actor.</returns>
    public static Actor Administrator(string administratorId) => new(administratorId, ActorRole.Administrator, null, null);

    /// <summary>Creates an officer of a department at a level.</summary>
    /// <param name="officer">The officer's id.</param>
    /// <param name="department">The officer's department.</param>
    /// <param name="level">The officer's level, 1 for L1, up to <see cref="GrievanceLimits.MaxLevels"/>.</param>
    /// <returns>The actor.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 1 to <see cref="GrievanceLimits.MaxLevels"/>.</exception>
    public static Actor Officer(OfficerId officer, DepartmentId department, int level)
    {
        if (level < 1 || level > GrievanceLimits.MaxLevels)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"An officer's level must be from 1 to {GrievanceLimits.MaxLevels}.");
        }

        return new(officer.Value, ActorRole.Officer, department, level);
    }

    /// <summary>Returns the role and id, with an officer's department and level.</summary>
    /// <returns>For example <c>Officer officer-17 (revenue L2)</c>.</returns>
    public override string ToString() => Role == ActorRole.Officer ? $"{Role} {Id} ({Department} L{Level})" : $"{Role} {Id}";
}
